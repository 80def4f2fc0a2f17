import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory } from 'vue-router'
import { createAppRouter, metaAllowed, safeRedirect } from '@/router'
import { configureRequest } from '@/api/request'
import { useSessionStore } from '@/stores/session'
import { jsonResponse, mockFetch, sampleAccount, sessionBody } from './helpers'

beforeEach(() => {
  setActivePinia(createPinia())
  configureRequest({ onError: vi.fn(), onUnauthorized: vi.fn() })
})
afterEach(() => vi.unstubAllGlobals())

async function go(path) {
  const router = createAppRouter(createMemoryHistory())
  await router.push(path)
  return router.currentRoute.value
}

describe('sign-in guard', () => {
  it('sends a signed-out visitor to /login, keeping the page asked for', async () => {
    mockFetch(jsonResponse(401, { error: { code: 'unauthenticated', message: '未登录' } }))
    const route = await go('/org/units?x=1')
    expect(route.name).toBe('login')
    expect(route.query.redirect).toBe('/org/units?x=1')
  })

  it('restores the session from /api/v1/me after a reload and lets the user in', async () => {
    const fetch = mockFetch(jsonResponse(200, sessionBody(sampleAccount)))
    const route = await go('/org/units')
    expect(route.name).toBe('units')
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(useSessionStore().csrfToken).toBe('t')
  })

  it('keeps admin-only pages from other roles', async () => {
    mockFetch(jsonResponse(200, sessionBody({ ...sampleAccount, roles: ['viewer'] })))
    const route = await go('/settings/audit')
    expect(route.name).toBe('forbidden')
  })

  it('sends a signed-in user away from /login to the redirect target', async () => {
    mockFetch(jsonResponse(200, sessionBody(sampleAccount)))
    const route = await go('/login?redirect=/org/people')
    expect(route.path).toBe('/org/people')
  })

  it('treats an unreachable server as signed out', async () => {
    mockFetch(new TypeError('Failed to fetch'))
    const route = await go('/dashboard')
    expect(route.name).toBe('login')
  })
})

describe('safeRedirect', () => {
  it.each([
    ['/org/units', '/org/units'],
    ['/org/units?q=1', '/org/units?q=1'],
    ['//evil.example/x', '/dashboard'],
    ['https://evil.example', '/dashboard'],
    ['/login?redirect=/x', '/dashboard'],
    [undefined, '/dashboard'],
    [['/a', '/b'], '/dashboard'],
  ])('%j → %s', (input, expected) => {
    expect(safeRedirect(input)).toBe(expected)
  })
})

describe('loop pages', () => {
  it.each([
    [['handler'], '/items/new', 'forbidden'],
    [['supervisor'], '/items/new', 'item-new'],
    [['viewer'], '/items/12', 'item-detail'],
    [['viewer'], '/supervision', 'supervision'],
    [['supervisor'], '/settings/calendar', 'forbidden'],
    [['admin'], '/settings/calendar', 'calendar'],
    [['supervisor'], '/settings/campaigns', 'campaigns'],
    [['leader'], '/settings/campaigns', 'forbidden'],
    [['viewer'], '/items/abc', 'not-found'],
  ])('%j opening %s → %s', async (roles, path, name) => {
    mockFetch(jsonResponse(200, sessionBody({ ...sampleAccount, roles })))
    const route = await go(path)
    expect(route.name).toBe(name)
  })
})

describe('permission guard', () => {
  it('follows the permissions the server sent, not the roles', async () => {
    // A viewer the server granted audit.view may open the audit log; an admin granted nothing
    // may not: the UI never decides from role names.
    mockFetch(jsonResponse(200, { account: { ...sampleAccount, roles: ['viewer'] }, csrf_token: 't', permissions: ['audit.view'] }))
    expect((await go('/settings/audit')).name).toBe('audit')
  })

  it('refuses a page whose permission was not sent', async () => {
    mockFetch(jsonResponse(200, { account: sampleAccount, csrf_token: 't', permissions: [] }))
    expect((await go('/settings/calendar')).name).toBe('forbidden')
  })

  it('opens a section when any of its permissions is held', () => {
    const session = { can: (name) => (Array.isArray(name) ? name : [name]).includes('campaign.manage') }
    expect(metaAllowed({ permission: ['audit.view', 'campaign.manage'] }, session)).toBe(true)
    expect(metaAllowed({ permission: 'audit.view' }, session)).toBe(false)
    expect(metaAllowed({}, session)).toBe(true)
    expect(metaAllowed(undefined, session)).toBe(true)
  })
})
