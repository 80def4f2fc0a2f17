import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import elementPlus from '@/plugins/element'
import { i18n, setLocale } from '@/locales'
import { configureRequest } from '@/api/request'
import { useSessionStore } from '@/stores/session'
import SelfReportDialog from '@/views/assessment/SelfReportDialog.vue'
import { jsonResponse, mockFetch, sampleAccount } from './helpers'

let pinia

beforeEach(() => {
  setLocale('zh-CN')
  pinia = createPinia()
  setActivePinia(pinia)
  useSessionStore().setSession({ account: sampleAccount, csrf_token: 'tok' })
  configureRequest({ onError: vi.fn(), onUnauthorized: vi.fn() })
})

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

const categories = [{ key: '学习态度', name: '学习态度', cap: 20 }]

async function open() {
  const wrapper = mount(SelfReportDialog, {
    props: { schemeKey: 'points', personId: 7, categories, modelValue: false },
    global: { plugins: [pinia, i18n, elementPlus] },
    attachTo: document.body,
  })
  await wrapper.setProps({ modelValue: true })
  await flushPromises()
  return wrapper
}

const $ = (s) => document.body.querySelector(`[data-test="${s}"]`)

function type(selector, value) {
  const el = document.body.querySelector(selector)
  el.value = value
  el.dispatchEvent(new Event('input'))
}

async function fill() {
  type('[data-test="self-report-points"] input', '2')
  document.body.querySelector('[data-test="self-report-points"] input').dispatchEvent(new Event('change'))
  type('[data-test="self-report-reason"]', '参加主题党日')
  await flushPromises()
}

async function choose(...files) {
  const input = document.body.querySelector('[data-test="self-report-files"] input[type="file"]')
  Object.defineProperty(input, 'files', { value: files, configurable: true })
  input.dispatchEvent(new Event('change'))
  await flushPromises()
}

const png = (name) => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], name, { type: 'image/png' })

describe('SelfReportDialog', () => {
  it('stores the report, then uploads each chosen file to it', async () => {
    const fetch = mockFetch(
      jsonResponse(201, { id: 41, status: 'pending', files: [] }),
      jsonResponse(201, { id: 1, name: '学习记录.png' }),
      jsonResponse(201, { id: 2, name: '签到表.pdf' }),
    )
    const wrapper = await open()
    await fill()
    await choose(png('学习记录.png'), new File(['%PDF-1.4'], '签到表.pdf', { type: 'application/pdf' }))
    $('self-report-submit').click()
    await flushPromises()
    expect(fetch).toHaveBeenCalledTimes(3)
    expect(fetch.mock.calls[0][0]).toBe('/api/v1/assessment/events')
    expect(JSON.parse(fetch.mock.calls[0][1].body)).toMatchObject({ kind: 'points', subject_id: 7, points: 2 })
    expect(fetch.mock.calls[1][0]).toBe(`/api/v1/assessment/events/41/files?name=${encodeURIComponent('学习记录.png')}`)
    expect(fetch.mock.calls[1][1].body).toBeInstanceOf(File)
    expect(fetch.mock.calls[2][0]).toContain('/api/v1/assessment/events/41/files?name=')
    expect(wrapper.emitted('saved')[0][0].id).toBe(41)
    wrapper.unmount()
  })

  it('refuses a file of a type the server does not take before anything is sent', async () => {
    const fetch = mockFetch()
    const wrapper = await open()
    await fill()
    await choose(new File(['MZ'], 'setup.exe'))
    $('self-report-submit').click()
    await flushPromises()
    expect(fetch).not.toHaveBeenCalled()
    expect($('self-report-error').textContent).toContain('setup.exe')
    expect(wrapper.emitted('saved')).toBeUndefined()
    wrapper.unmount()
  })

  it('keeps the report when the server refuses a file, and names that file', async () => {
    mockFetch(
      jsonResponse(201, { id: 42, status: 'pending', files: [] }),
      jsonResponse(400, { error: { code: 'invalid_argument', message: '不支持的文件类型', details: { field: 'file' } } }),
    )
    const wrapper = await open()
    await fill()
    await choose(png('假图片.png'))
    $('self-report-submit').click()
    await flushPromises()
    expect(wrapper.emitted('saved')[0][0].id).toBe(42)
    expect(document.body.textContent).toContain('假图片.png（不支持的文件类型）')
    wrapper.unmount()
  })
})
