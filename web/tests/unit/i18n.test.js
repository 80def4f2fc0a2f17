import { afterEach, describe, expect, it } from 'vitest'
import zhCN from '@/locales/zh-CN.js'
import en from '@/locales/en.js'
import { i18n, LOCALE_STORAGE_KEY, loadSavedLocale, setLocale } from '@/locales'

function flatten(obj, prefix = '') {
  const out = {}
  for (const [key, value] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (value && typeof value === 'object') Object.assign(out, flatten(value, path))
    else out[path] = value
  }
  return out
}

const placeholders = (text) => [...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

const zhFlat = flatten(zhCN)
const enFlat = flatten(en)

afterEach(() => {
  setLocale('zh-CN')
  localStorage.clear()
})

describe('message files', () => {
  it('have the same keys in Chinese and English', () => {
    expect(Object.keys(enFlat).sort()).toEqual(Object.keys(zhFlat).sort())
  })

  it('have no empty strings', () => {
    for (const [key, value] of [...Object.entries(zhFlat), ...Object.entries(enFlat)]) {
      expect(typeof value, key).toBe('string')
      expect(value.trim(), key).not.toBe('')
    }
  })

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(zhFlat)) {
      expect(placeholders(enFlat[key]), key).toEqual(placeholders(zhFlat[key]))
    }
  })

  it('carry the honest not-yet-built line', () => {
    expect(zhCN.comingSoon.description).toBe(
      '该功能正在建设中（问题闭环、督办、考核、通报将在后续版本上线）',
    )
  })

  it('compile every message in both languages', () => {
    for (const locale of ['zh-CN', 'en']) {
      setLocale(locale)
      for (const key of Object.keys(zhFlat)) {
        const text = i18n.global.t(key, {
          name: 'N', n: 8, status: 500, total: 3, field: 'F', parent: 'P', username: 'u',
          action: 'A', actions: 'A', code: 'C', date: 'D', number: 'No', year: 2026, years: '2026',
          checked: 1, issued: 2, escalated: 3,
        })
        expect(text, `${locale}:${key}`).not.toBe(key)
        expect(text, `${locale}:${key}`).not.toMatch(/\{\w+\}/)
      }
    }
  })
})

describe('language choice', () => {
  it('defaults to Chinese', () => {
    localStorage.clear()
    expect(loadSavedLocale()).toBe('zh-CN')
  })

  it('is remembered in localStorage', () => {
    setLocale('en')
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en')
    expect(loadSavedLocale()).toBe('en')
    expect(i18n.global.t('menu.dashboard')).toBe('Dashboard')
    expect(document.documentElement.lang).toBe('en')
    setLocale('zh-CN')
    expect(i18n.global.t('menu.dashboard')).toBe('工作台')
  })

  it('ignores unknown languages', () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'fr')
    expect(loadSavedLocale()).toBe('zh-CN')
    setLocale('fr')
    expect(i18n.global.locale.value).toBe('zh-CN')
  })
})
