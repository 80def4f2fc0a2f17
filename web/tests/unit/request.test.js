import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { ApiError, buildUrl, configureRequest, del, get, patch, post, postRaw, put, request } from '@/api/request'
import { useSessionStore } from '@/stores/session'
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { i18n, messages, setLocale } from '@/locales'
import { headersOf, jsonResponse, mockFetch, sampleAccount } from './helpers'

let onError
let onUnauthorized
let session

beforeEach(() => {
  setLocale('zh-CN')
  setActivePinia(createPinia())
  session = useSessionStore()
  session.setSession({ account: sampleAccount, csrf_token: 'tok-123' })
  onError = vi.fn()
  onUnauthorized = vi.fn()
  configureRequest({ onError, onUnauthorized })
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('CSRF header', () => {
  it('is not sent on GET', async () => {
    const fetch = mockFetch(jsonResponse(200, { items: [], total: 0 }))
    await get('/api/v1/units', { parent_id: 3 })
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(fetch.mock.calls[0][0]).toBe('/api/v1/units?parent_id=3')
    expect(fetch.mock.calls[0][1].method).toBe('GET')
    expect(headersOf(fetch)).not.toHaveProperty('x-csrf-token')
    expect(fetch.mock.calls[0][1].body).toBeUndefined()
  })

  it.each([
    ['POST', () => post('/api/v1/units', { name: 'x' })],
    ['PUT', () => put('/api/v1/me/password', { old_password: 'a', new_password: 'b' })],
    ['PATCH', () => patch('/api/v1/units/4', { disabled: true })],
    ['DELETE', () => del('/api/v1/session')],
  ])('is sent on %s with the token from the store', async (method, call) => {
    const fetch = mockFetch(jsonResponse(200, { ok: true }))
    await call()
    expect(fetch.mock.calls[0][1].method).toBe(method)
    expect(headersOf(fetch)['x-csrf-token']).toBe('tok-123')
  })

  it('follows the token the store holds now', async () => {
    const fetch = mockFetch(jsonResponse(201, { id: 9 }))
    session.csrfToken = 'rotated'
    await post('/api/v1/people', { name: '李四' })
    expect(headersOf(fetch)['x-csrf-token']).toBe('rotated')
  })

  it('is left out when there is no token yet (sign-in)', async () => {
    session.clear()
    const fetch = mockFetch(jsonResponse(200, { account: sampleAccount, csrf_token: 'new' }))
    await post('/api/v1/session', { username: 'a', password: 'b' })
    expect(headersOf(fetch)).not.toHaveProperty('x-csrf-token')
  })
})

describe('JSON', () => {
  it('sends the body as JSON and returns the parsed answer', async () => {
    const fetch = mockFetch(jsonResponse(201, { id: 5, name: '县委办' }))
    const unit = await post('/api/v1/units', { parent_id: 1, name: '县委办', kind: 'bureau' })
    expect(unit).toEqual({ id: 5, name: '县委办' })
    expect(headersOf(fetch)['content-type']).toBe('application/json')
    expect(JSON.parse(fetch.mock.calls[0][1].body)).toEqual({ parent_id: 1, name: '县委办', kind: 'bureau' })
    expect(fetch.mock.calls[0][1].credentials).toBe('same-origin')
  })

  it('returns null for 204', async () => {
    mockFetch(jsonResponse(204))
    await expect(del('/api/v1/session')).resolves.toBeNull()
  })
})

describe('errors', () => {
  it('maps the error body to ApiError with message, code, status and details', async () => {
    mockFetch(
      jsonResponse(409, {
        error: { code: 'already_exists', message: '同级单位中已有同名单位', details: { field: 'name' } },
      }),
    )
    const err = await post('/api/v1/units', { name: 'x' }).catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.message).toBe('同级单位中已有同名单位')
    expect(err.code).toBe('already_exists')
    expect(err.status).toBe(409)
    expect(err.details).toEqual({ field: 'name' })
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError.mock.calls[0][0]).toBe(err)
    expect(onUnauthorized).not.toHaveBeenCalled()
    expect(session.isAuthenticated).toBe(true)
  })

  it('falls back to a generic message when the body is not the error shape', async () => {
    mockFetch(jsonResponse(502, '<html>Bad Gateway</html>'))
    const err = await get('/api/v1/units').catch((e) => e)
    expect(err.message).toBe('请求失败（HTTP 502）')
    expect(err.status).toBe(502)
    expect(err.code).toBe('http_502')
  })

  it('does not notify when asked not to', async () => {
    mockFetch(jsonResponse(403, { error: { code: 'permission_denied', message: '无权限' } }))
    await expect(get('/api/v1/accounts', {}, { notify: false })).rejects.toThrow('无权限')
    expect(onError).not.toHaveBeenCalled()
  })

  it('shows the UI language\'s sentence for a known error key, with the details as parameters', async () => {
    setLocale('en')
    mockFetch(
      jsonResponse(500, {
        error: { code: 'internal', message: '服务器内部错误，请联系管理员（请求编号 a1b2）', details: { request_id: 'a1b2' }, key: 'server.internal' },
      }),
    )
    const err = await get('/api/v1/me').catch((e) => e)
    expect(err.message).toBe('Internal server error; tell your administrator (request number a1b2)')
    expect(err.key).toBe('server.internal')
    expect(err.code).toBe('internal')
  })

  it('keeps the server\'s sentence in Chinese, for an unknown key, and for a key that is not a key', async () => {
    mockFetch(jsonResponse(401, { error: { code: 'unauthenticated', message: '未登录或会话已过期', key: 'session.expired' } }))
    expect((await get('/api/v1/me', {}, { authRedirect: false }).catch((e) => e)).message).toBe('未登录或会话已过期')
    setLocale('en')
    mockFetch(
      jsonResponse(400, { error: { code: 'invalid_argument', message: '新词', key: 'item.not_yet_translated' } }),
      jsonResponse(400, { error: { code: 'invalid_argument', message: '坏键', key: 'errors' } }),
      jsonResponse(400, { error: { code: 'invalid_argument', message: '坏键', key: { toString: () => 'session.expired' } } }),
    )
    expect((await get('/api/v1/items').catch((e) => e)).message).toBe('新词')
    expect((await get('/api/v1/items').catch((e) => e)).message).toBe('坏键')
    const err = await get('/api/v1/items').catch((e) => e)
    expect(err.message).toBe('坏键')
    expect(err.key).toBe('')
  })

  it('has an English sentence for every key the server sends', () => {
    const source = ['error_mapping.cc', 'api.cc']
      .map((f) => readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../../src/http', f), 'utf8'))
      .join('\n')
    const keys = new Set([...source.matchAll(/"((?:session|password|permission|item|bulletin|request|ui|server)\.[a-z0-9_]+)"/g)].map((m) => m[1]))
    expect(keys.size).toBeGreaterThanOrEqual(16)
    setLocale('en')
    for (const key of keys) expect(i18n.global.te(`serverErrors.${key}`), key).toBe(true)
    // The Chinese rows are the server's fixed sentences, word for word.
    const rows = [...source.matchAll(/\{"([^"]+)", "([a-z_]+\.[a-z0-9_]+)"\}/g)]
    expect(rows.length).toBeGreaterThanOrEqual(12)
    for (const [, sentence, key] of rows) {
      const [group, name] = key.split('.')
      expect(messages['zh-CN'].serverErrors[group][name], key).toBe(sentence)
    }
  })

  it('turns a network failure into ApiError code "network"', async () => {
    mockFetch(new TypeError('Failed to fetch'))
    const err = await get('/api/v1/me').catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.code).toBe('network')
    expect(err.message).toBe('无法连接服务器，请检查网络后重试')
    expect(onError).toHaveBeenCalledTimes(1)
  })
})

describe('401', () => {
  it('clears the session and calls onUnauthorized instead of onError', async () => {
    mockFetch(jsonResponse(401, { error: { code: 'unauthenticated', message: '未登录' } }))
    const err = await get('/api/v1/units').catch((e) => e)
    expect(err.status).toBe(401)
    expect(session.account).toBeNull()
    expect(session.csrfToken).toBe('')
    expect(session.isAuthenticated).toBe(false)
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
    expect(onError).not.toHaveBeenCalled()
  })

  it('leaves the session alone when the call opts out (sign-in with a wrong password)', async () => {
    mockFetch(jsonResponse(401, { error: { code: 'unauthenticated', message: '用户名或密码错误' } }))
    const err = await request('POST', '/api/v1/session', {
      body: { username: 'a', password: 'b' },
      authRedirect: false,
      notify: false,
    }).catch((e) => e)
    expect(err.message).toBe('用户名或密码错误')
    expect(session.isAuthenticated).toBe(true)
    expect(onUnauthorized).not.toHaveBeenCalled()
  })
})

describe('buildUrl', () => {
  it.each([
    [{}, '/x'],
    [undefined, '/x'],
    [{ a: 1, b: '' }, '/x?a=1'],
    [{ a: null, b: undefined }, '/x'],
    [{ q: '县 委' }, '/x?q=%E5%8E%BF+%E5%A7%94'],
    [{ subtree: true }, '/x?subtree=1'],
    [{ id: [1, 2] }, '/x?id=1&id=2'],
    [{ page: 0 }, '/x?page=0'],
  ])('%j → %s', (params, url) => {
    expect(buildUrl('/x', params)).toBe(url)
  })
})

describe('raw uploads', () => {
  it('send the bytes as they are, with the given type, the CSRF token and the query', async () => {
    const fetch = mockFetch(jsonResponse(201, { id: 4, name: '照片 1.png' }))
    const file = new Blob(['%PDF-1.4'], { type: 'application/pdf' })
    const stored = await postRaw('/api/v1/items/9/files', file, { params: { name: '照片 1.png' }, contentType: 'image/png' })
    expect(stored).toEqual({ id: 4, name: '照片 1.png' })
    expect(fetch.mock.calls[0][0]).toBe('/api/v1/items/9/files?name=%E7%85%A7%E7%89%87+1.png')
    expect(fetch.mock.calls[0][1].method).toBe('POST')
    expect(fetch.mock.calls[0][1].body).toBe(file)
    expect(headersOf(fetch)['content-type']).toBe('image/png')
    expect(headersOf(fetch)['x-csrf-token']).toBe('tok-123')
  })

  it("fall back to the Blob's own type, then to octet-stream", async () => {
    const fetch = mockFetch(jsonResponse(200, {}), jsonResponse(200, {}))
    await postRaw('/api/v1/calendar/import', new Blob(['{}'], { type: 'application/json' }))
    await postRaw('/api/v1/calendar/import', new ArrayBuffer(2))
    expect(headersOf(fetch, 0)['content-type']).toBe('application/json')
    expect(headersOf(fetch, 1)['content-type']).toBe('application/octet-stream')
  })
})
