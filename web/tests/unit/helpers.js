// Test helpers: a fetch stand-in that answers from a queue and records every call.
import { vi } from 'vitest'

export function jsonResponse(status, body, headers = {}) {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body)
  return new Response(status === 204 ? null : text, {
    status,
    headers: { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers },
  })
}

// Installs a mocked global fetch; each call takes the next answer (a Response, or an Error to
// reject with). Returns the mock so tests can read `mock.calls`.
export function mockFetch(...answers) {
  const queue = [...answers]
  const fn = vi.fn(async () => {
    if (!queue.length) throw new Error('unexpected fetch')
    const next = queue.shift()
    if (next instanceof Error) throw next
    return typeof next === 'function' ? next() : next
  })
  vi.stubGlobal('fetch', fn)
  return fn
}

// Headers of the n-th fetch call as a plain lower-cased object.
export function headersOf(fetchMock, n = 0) {
  const init = fetchMock.mock.calls[n][1] || {}
  const out = {}
  for (const [k, v] of Object.entries(init.headers || {})) out[k.toLowerCase()] = v
  return out
}

export const sampleAccount = {
  id: 1,
  username: 'admin',
  person_id: 7,
  person_name: '张三',
  unit_id: 1,
  unit_name: '某县',
  roles: ['admin'],
  disabled: false,
}

// The capabilities each role holds, copied from src/core/permission.cc for the fixtures only:
// the web never computes permissions, it reads them from sign-in and /me.
const ROLE_PERMISSIONS = {
  admin: [
    'account.manage', 'assessment.decide', 'assessment.grant.manage', 'assessment.scheme.edit',
    'assessment.score', 'assessment.view_all', 'audit.view', 'bulletin.issue', 'calendar.manage',
    'campaign.manage', 'item.create', 'item.evidence.upload', 'item.extension.decide',
    'item.handle', 'item.import', 'item.supervise', 'item.sweep', 'notice.issue',
    'notice.respond', 'unit.manage',
  ],
  supervisor: [
    'assessment.decide', 'assessment.score', 'assessment.view_all', 'audit.view',
    'bulletin.issue', 'campaign.manage', 'item.create', 'item.evidence.upload',
    'item.extension.decide', 'item.import', 'item.supervise', 'item.sweep', 'notice.issue',
  ],
  leader: [
    'assessment.view_all', 'audit.view', 'item.evidence.upload', 'item.extension.decide',
    'notice.respond',
  ],
  handler: ['item.evidence.upload', 'item.handle', 'notice.respond'],
  evaluator: ['assessment.score'],
  viewer: ['assessment.view_all'],
}

// The sorted permission names the server sends for an account with `roles`.
export function permissionsOf(roles) {
  return [...new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r] ?? []))].sort()
}

// A sign-in or /me body for `account`, with the permissions its roles hold.
export function sessionBody(account = sampleAccount, csrfToken = 't') {
  return { account, csrf_token: csrfToken, permissions: permissionsOf(account.roles ?? []) }
}
