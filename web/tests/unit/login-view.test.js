import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory } from 'vue-router'
import elementPlus from '@/plugins/element'
import { i18n, setLocale } from '@/locales'
import { createAppRouter } from '@/router'
import { configureRequest } from '@/api/request'
import { useSessionStore } from '@/stores/session'
import LoginView from '@/views/login/LoginView.vue'
import { jsonResponse, mockFetch, sampleAccount } from './helpers'

let pinia
let router

beforeEach(async () => {
  setLocale('zh-CN')
  pinia = createPinia()
  setActivePinia(pinia)
  configureRequest({ onError: vi.fn(), onUnauthorized: vi.fn() })
  router = createAppRouter(createMemoryHistory())
  useSessionStore().clear() // signed out, already checked: the guard asks no server
  await router.push('/login?redirect=/org/units')
})

afterEach(() => vi.unstubAllGlobals())

function mountLogin() {
  return mount(LoginView, {
    global: { plugins: [pinia, i18n, router, elementPlus] },
    attachTo: document.body,
  })
}

async function fillAndSubmit(wrapper, username, password) {
  await wrapper.find('[data-test="login-username"]').setValue(username)
  await wrapper.find('[data-test="login-password"]').setValue(password)
  await wrapper.find('form').trigger('submit')
  await flushPromises()
  await flushPromises()
}

describe('LoginView', () => {
  it('is in Chinese by default', () => {
    const wrapper = mountLogin()
    expect(wrapper.text()).toContain('督办 Duban')
    expect(wrapper.find('[data-test="login-submit"]').text()).toBe('登 录')
    wrapper.unmount()
  })

  it("shows the server's message when sign-in fails", async () => {
    const fetch = mockFetch(
      jsonResponse(401, { error: { code: 'unauthenticated', message: '用户名或密码错误' } }),
    )
    const wrapper = mountLogin()
    await fillAndSubmit(wrapper, 'admin', 'wrong-password')
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(wrapper.find('[data-test="login-error"]').text()).toContain('用户名或密码错误')
    expect(router.currentRoute.value.name).toBe('login')
    wrapper.unmount()
  })

  it('shows the lock-out message (429)', async () => {
    mockFetch(jsonResponse(429, { error: { code: 'resource_exhausted', message: '登录失败次数过多，请 5 秒后再试' } }))
    const wrapper = mountLogin()
    await fillAndSubmit(wrapper, 'admin', 'x')
    expect(wrapper.find('[data-test="login-error"]').text()).toContain('登录失败次数过多')
    wrapper.unmount()
  })

  it('signs in and goes to the page first asked for', async () => {
    mockFetch(jsonResponse(200, { account: sampleAccount, csrf_token: 'tok' }))
    const wrapper = mountLogin()
    await fillAndSubmit(wrapper, ' admin ', 'right-password')
    expect(JSON.parse(fetch.mock.calls[0][1].body)).toEqual({ username: 'admin', password: 'right-password' })
    expect(useSessionStore().csrfToken).toBe('tok')
    // The target page's code loads lazily; wait for the navigation to land.
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/org/units'), { timeout: 5000 })
    wrapper.unmount()
  })

  it('does not call the server with empty fields', async () => {
    const fetch = mockFetch()
    const wrapper = mountLogin()
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(fetch).not.toHaveBeenCalled()
    wrapper.unmount()
  })
})
