import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useSessionStore } from '@/stores/session'
import { configureRequest } from '@/api/request'
import { headersOf, jsonResponse, mockFetch, sampleAccount } from './helpers'

let onUnauthorized

beforeEach(() => {
  setActivePinia(createPinia())
  onUnauthorized = vi.fn()
  configureRequest({ onError: vi.fn(), onUnauthorized })
})

afterEach(() => vi.unstubAllGlobals())

describe('session store', () => {
  it('starts signed out and unchecked', () => {
    const s = useSessionStore()
    expect(s.isAuthenticated).toBe(false)
    expect(s.checked).toBe(false)
    expect(s.roles).toEqual([])
    expect(s.displayName).toBe('')
  })

  it('login keeps the account and CSRF token', async () => {
    const fetch = mockFetch(jsonResponse(200, { account: sampleAccount, csrf_token: 'abc' }))
    const s = useSessionStore()
    const account = await s.login('admin', 'secret-pass')
    expect(account).toEqual(sampleAccount)
    expect(s.csrfToken).toBe('abc')
    expect(s.isAuthenticated).toBe(true)
    expect(s.isAdmin).toBe(true)
    expect(s.unitId).toBe(1)
    expect(s.unitName).toBe('某县')
    expect(fetch.mock.calls[0][0]).toBe('/api/v1/session')
    expect(JSON.parse(fetch.mock.calls[0][1].body)).toEqual({ username: 'admin', password: 'secret-pass' })
  })

  it('a failed login throws the server message and stays signed out', async () => {
    mockFetch(jsonResponse(429, { error: { code: 'unavailable', message: '登录失败次数过多，请 15 分钟后再试' } }))
    const s = useSessionStore()
    await expect(s.login('admin', 'x')).rejects.toThrow('登录失败次数过多，请 15 分钟后再试')
    expect(s.isAuthenticated).toBe(false)
    expect(onUnauthorized).not.toHaveBeenCalled()
  })

  it('restore refills the store from GET /api/v1/me after a reload', async () => {
    const fetch = mockFetch(jsonResponse(200, { account: { ...sampleAccount, roles: ['viewer'] }, csrf_token: 'me-tok' }))
    const s = useSessionStore()
    await s.restore()
    expect(fetch.mock.calls[0][0]).toBe('/api/v1/me')
    expect(s.csrfToken).toBe('me-tok')
    expect(s.checked).toBe(true)
    expect(s.isAdmin).toBe(false)
    expect(s.hasRole('viewer')).toBe(true)
    expect(s.hasRole('admin', 'supervisor')).toBe(false)
  })

  it('restore on 401 means signed out, without the redirect hook', async () => {
    mockFetch(jsonResponse(401, { error: { code: 'unauthenticated', message: '未登录' } }))
    const s = useSessionStore()
    await expect(s.restore()).resolves.toBeNull()
    expect(s.checked).toBe(true)
    expect(s.isAuthenticated).toBe(false)
    expect(onUnauthorized).not.toHaveBeenCalled()
  })

  it('restore rethrows other failures and asks again next time', async () => {
    mockFetch(jsonResponse(503, { error: { code: 'unavailable', message: '服务暂不可用' } }))
    const s = useSessionStore()
    await expect(s.restore()).rejects.toThrow('服务暂不可用')
    expect(s.checked).toBe(false)
  })

  it('logout sends the CSRF token and clears the store even if the server fails', async () => {
    const fetch = mockFetch(jsonResponse(500, { error: { code: 'internal', message: 'boom' } }))
    const s = useSessionStore()
    s.setSession({ account: sampleAccount, csrf_token: 'tok' })
    await s.logout()
    expect(fetch.mock.calls[0][1].method).toBe('DELETE')
    expect(headersOf(fetch)['x-csrf-token']).toBe('tok')
    expect(s.isAuthenticated).toBe(false)
    expect(s.csrfToken).toBe('')
  })

  it('can() answers from the permissions the server sent', async () => {
    mockFetch(jsonResponse(200, { account: sampleAccount, csrf_token: 'abc', permissions: ['item.create', 'notice.issue'] }))
    const s = useSessionStore()
    await s.login('admin', 'secret-pass')
    expect(s.can('item.create')).toBe(true)
    expect(s.can('account.manage')).toBe(false)
    expect(s.can(['account.manage', 'notice.issue'])).toBe(true)
    expect(s.can([])).toBe(false)
    s.clear()
    expect(s.can('item.create')).toBe(false)
  })

  it('can() holds nothing when the server sent no permissions', () => {
    const s = useSessionStore()
    s.setSession({ account: sampleAccount, csrf_token: 't' })
    expect(s.permissions).toEqual([])
    expect(s.can('item.create')).toBe(false)
  })

  it('shows the person name, or the username when the account has no person', () => {
    const s = useSessionStore()
    s.setSession({ account: sampleAccount, csrf_token: 't' })
    expect(s.displayName).toBe('张三')
    s.setSession({ account: { ...sampleAccount, person_id: null, person_name: null }, csrf_token: 't' })
    expect(s.displayName).toBe('admin')
  })
})
