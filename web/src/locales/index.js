// The one vue-i18n instance. The chosen language is remembered in localStorage under
// LOCALE_STORAGE_KEY; zh-CN is the default for anyone who has not chosen.
import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN.js'
import en from './en.js'

export const LOCALE_STORAGE_KEY = 'duban.locale'
export const DEFAULT_LOCALE = 'zh-CN'
export const SUPPORTED_LOCALES = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en', label: 'English' },
]

export const messages = { 'zh-CN': zhCN, en }

function isSupported(locale) {
  return SUPPORTED_LOCALES.some((l) => l.value === locale)
}

// Returns the remembered locale, or the default when none (or an unknown one) is stored.
export function loadSavedLocale() {
  try {
    const saved = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY)
    return isSupported(saved) ? saved : DEFAULT_LOCALE
  } catch {
    return DEFAULT_LOCALE
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: loadSavedLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages,
  missingWarn: false,
  fallbackWarn: false,
})

// Switches the UI language, remembers it, and keeps <html lang> in step.
export function setLocale(locale) {
  if (!isSupported(locale)) return
  i18n.global.locale.value = locale
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale)
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
  if (globalThis.document) document.documentElement.lang = locale
}

export function currentLocale() {
  return i18n.global.locale.value
}

export const t = (...args) => i18n.global.t(...args)

export default i18n
