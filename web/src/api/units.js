// Org tree units: {id, parent_id, name, kind, code, disabled, child_count, path_names}.
import { get, post, patch } from './request'

export const MAX_PAGE_SIZE = 200

export const listUnits = (params, options) => get('/api/v1/units', params, options)
export const getUnit = (id, options) => get(`/api/v1/units/${id}`, undefined, options)
export const createUnit = (body) => post('/api/v1/units', body)
export const updateUnit = (id, changes) => patch(`/api/v1/units/${id}`, changes)

// All children of one unit, page by page (the tree needs them all; capped so a runaway
// answer cannot loop forever).
export async function listAllChildren(parentId, { maxPages = 25 } = {}) {
  const items = []
  for (let page = 1; page <= maxPages; page++) {
    const res = await listUnits({ parent_id: parentId, page, page_size: MAX_PAGE_SIZE })
    items.push(...(res.items || []))
    if (!res.items?.length || items.length >= res.total) break
  }
  return items
}
