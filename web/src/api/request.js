// The one fetch wrapper every API module goes through.
//
// - JSON in and out; query parameters that are undefined, null or '' are left out.
// - Adds X-CSRF-Token (from the session store) to every POST/PUT/PATCH/DELETE, never to reads.
// - A non-2xx answer becomes a thrown ApiError whose message is the server's
//   `{"error":{"message"}}` (SPEC §9) and whose code/status/details/key come along for callers.
//   Where the server sends a stable `key` (docs/API-LOOP.md, Errors) and the UI speaks another
//   language than the server's Chinese, the UI's sentence under `serverErrors` is the message;
//   otherwise the server's own (which may name the path or method the key's sentence leaves out).
// - 401 clears the session store and calls the onUnauthorized hook (the router sends the user
//   to /login?redirect=...), unless the call opts out with `authRedirect: false`.
// - Other failures call the onError hook (an ElMessage.error in the app) unless `notify: false`.
// Hooks are set once at start-up by configureRequest so this module knows nothing of the router
// or of Element Plus, and tests can replace them.
import { useSessionStore } from '@/stores/session'
import { DEFAULT_LOCALE, currentLocale, i18n, t } from '@/locales'

export class ApiError extends Error {
  constructor(message, { status = 0, code = '', details = null, key = '' } = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
    this.key = key
  }
}

const hooks = {
  onUnauthorized: null,
  onError: null,
}

export function configureRequest(newHooks) {
  Object.assign(hooks, newHooks)
}

export const CSRF_HEADER = 'X-CSRF-Token'
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

// "/api/v1/units", {parent_id: 3, q: ''} → "/api/v1/units?parent_id=3".
export function buildUrl(path, params) {
  if (!params) return path
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue
    if (Array.isArray(value)) value.forEach((v) => search.append(key, String(v)))
    else search.append(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value))
  }
  const qs = search.toString()
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path
}

async function readBody(res) {
  if (res.status === 204 || res.status === 205) return null
  const text = await res.text()
  if (!text) return null
  const type = res.headers.get('content-type') || ''
  if (type.includes('json') || /^[[{]/.test(text.trim())) {
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  }
  return text
}

function toApiError(res, body) {
  const err = body && typeof body === 'object' && body.error && typeof body.error === 'object'
    ? body.error
    : null
  const key = err && typeof err.key === 'string' ? err.key : ''
  const details = err ? err.details ?? null : null
  const message = localised(key, details) ||
    (err && typeof err.message === 'string' && err.message) ||
    t('errors.http', { status: res.status })
  return new ApiError(message, {
    status: res.status,
    code: (err && err.code) || `http_${res.status}`,
    details,
    key,
  })
}

// The UI language's sentence for a server error key ('session.expired' → serverErrors.session.
// expired), with the details (e.g. request_id) as its parameters; '' when it has none. Only
// keys of letters, digits, '_' and '.' are looked up, so a hostile key cannot reach other texts.
function localised(key, details) {
  if (currentLocale() === DEFAULT_LOCALE) return ''
  if (!/^[a-z0-9_]+(\.[a-z0-9_]+)+$/.test(key)) return ''
  const path = `serverErrors.${key}`
  if (!i18n.global.te(path)) return ''
  return t(path, details && typeof details === 'object' ? details : {})
}

// request('GET', '/api/v1/units', { params }) → parsed JSON (null for 204).
// Options: params (query), body (JSON), raw (a File/Blob/ArrayBuffer sent as it is, e.g. an
// upload) with contentType (default: the Blob's own type, else application/octet-stream),
// notify (default true), authRedirect (default true).
export async function request(method, path, options = {}) {
  const { params, body, raw, contentType, notify = true, authRedirect = true } = options
  const verb = method.toUpperCase()
  const session = useSessionStore()
  const headers = { Accept: 'application/json' }
  const init = { method: verb, headers, credentials: 'same-origin' }
  if (raw !== undefined) {
    headers['Content-Type'] = contentType || raw?.type || 'application/octet-stream'
    init.body = raw
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json'
    init.body = JSON.stringify(body)
  }
  if (WRITE_METHODS.has(verb) && session.csrfToken) headers[CSRF_HEADER] = session.csrfToken

  let res
  try {
    res = await fetch(buildUrl(path, params), init)
  } catch (cause) {
    const err = new ApiError(t('errors.network'), { code: 'network' })
    err.cause = cause
    if (notify) hooks.onError?.(err)
    throw err
  }

  const data = await readBody(res)
  if (res.ok) return data

  const err = toApiError(res, data)
  if (res.status === 401 && authRedirect) {
    session.clear()
    hooks.onUnauthorized?.(err)
    throw err
  }
  if (notify) hooks.onError?.(err)
  throw err
}

export const get = (path, params, options = {}) => request('GET', path, { ...options, params })
export const post = (path, body, options = {}) => request('POST', path, { ...options, body })
export const put = (path, body, options = {}) => request('PUT', path, { ...options, body })
export const patch = (path, body, options = {}) => request('PATCH', path, { ...options, body })
export const del = (path, options = {}) => request('DELETE', path, options)
// POST of raw bytes (file uploads, imports): postRaw(path, file, { params, contentType }).
export const postRaw = (path, raw, options = {}) => request('POST', path, { ...options, raw })
