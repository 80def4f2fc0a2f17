import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import elementPlus from '@/plugins/element'
import { i18n, setLocale } from '@/locales'
import { configureRequest } from '@/api/request'
import { useSessionStore } from '@/stores/session'
import ItemActionDialog from '@/views/items/ItemActionDialog.vue'
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

const item = { id: 9, code: 'DB-2026-000009', status: 'in_progress', progress: 20, allowed_actions: ['submit'] }

async function open(action) {
  const wrapper = mount(ItemActionDialog, {
    props: { item, action, modelValue: false },
    global: { plugins: [pinia, i18n, elementPlus] },
    attachTo: document.body,
  })
  await wrapper.setProps({ modelValue: true })
  await flushPromises()
  return wrapper
}

const $ = (s) => document.body.querySelector(`[data-test="${s}"]`)
const $$ = (s) => document.body.querySelectorAll(`[data-test="${s}"]`)

describe('ItemActionDialog', () => {
  it('shows exactly the fields of approve', async () => {
    const wrapper = await open('approve')
    expect($('action-opinion')).not.toBeNull()
    expect($('action-text')).toBeNull()
    expect($('action-checks')).toBeNull()
    expect($('action-reason')).toBeNull()
    wrapper.unmount()
  })

  it('holds a submit back until all five checks are ticked, then sends them', async () => {
    const fetch = mockFetch(jsonResponse(200, { ...item, status: 'pending_review', events: [] }))
    const wrapper = await open('submit')
    const boxes = [...document.body.querySelectorAll('[data-test^="action-check-"] input')]
    expect(boxes).toHaveLength(5)
    const text = $('action-text')
    text.value = '整改完成'
    text.dispatchEvent(new Event('input'))
    boxes[0].click()
    await flushPromises()
    $('action-dialog-submit').click()
    await flushPromises()
    expect(fetch).not.toHaveBeenCalled()
    expect($('action-error').textContent).toContain('五个不放过')

    for (const box of boxes.slice(1)) box.click()
    await flushPromises()
    $('action-dialog-submit').click()
    await flushPromises()
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(fetch.mock.calls[0][0]).toBe('/api/v1/items/9/submit')
    expect(JSON.parse(fetch.mock.calls[0][1].body)).toEqual({
      text: '整改完成',
      checks: { cause_found: true, measures_done: true, rectified: true, accountability: true, public_satisfied: true },
    })
    expect(wrapper.emitted('done')[0][0].status).toBe('pending_review')
    wrapper.unmount()
  })

  it("shows the server's refusal in the dialog", async () => {
    mockFetch(jsonResponse(409, { error: { code: 'failed_precondition', message: '当前状态不允许退回重改' } }))
    const wrapper = await open('reject')
    const opinion = $('action-opinion')
    opinion.value = '材料不全'
    opinion.dispatchEvent(new Event('input'))
    await flushPromises()
    $('action-dialog-submit').click()
    await flushPromises()
    expect($('action-error').textContent).toContain('当前状态不允许退回重改')
    expect(wrapper.emitted('done')).toBeUndefined()
    expect($$('action-dialog')).toHaveLength(1)
    wrapper.unmount()
  })
})
