// Items (事项) of the closed loop and their actions, files, import and export
// (docs/API-LOOP.md). An item: {id, code, kind, title, status, warning, allowed_actions, ...};
// GET /items/{id} adds events, children, notices and files.
import { buildUrl, get, patch, post, postRaw } from './request'

export const listItems = (params, options) => get('/api/v1/items', params, options)
export const getItem = (id, options) => get(`/api/v1/items/${id}`, undefined, options)
export const createItem = (body) => post('/api/v1/items', body)
export const updateItem = (id, changes) => patch(`/api/v1/items/${id}`, changes)

// POST /items/{id}/{action} → the item with its events.
export const itemAction = (id, action, body, options) =>
  post(`/api/v1/items/${id}/${encodeURIComponent(action)}`, body ?? {}, options)

// Raw bytes; the server sniffs the type → {id, name, size, content_type, sha256, ...}.
export const uploadItemFile = (id, file, options) =>
  postRaw(`/api/v1/items/${id}/files`, file, {
    ...options,
    params: { name: file.name },
    contentType: file.type || 'application/octet-stream',
  })

export const fileUrl = (fileId) => `/api/v1/files/${fileId}`

// Plain GETs the browser downloads itself (session cookie, no CSRF needed).
export const exportUrl = (params) => buildUrl('/api/v1/items/export.xlsx', params)
export const importTemplateUrl = () => '/api/v1/items/import-template.xlsx'

// mode: "all" (nothing imported when a row is bad) or "good_rows" → {imported, errors}.
export const importItems = (file, mode, contentType, options) =>
  postRaw('/api/v1/items/import', file, { ...options, params: { mode }, contentType })
