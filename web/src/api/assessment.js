// 考核评比, 争星 and 积分 (docs/API-ASSESSMENT.md): schemes (versioned), evaluator grants, manual
// scores and point events, results. Shapes:
//   scheme = {key, name, version, subject_type, indicators, tier_bounds, bars, star_bounds,
//             child_weight, created_at, created_by, versions}
//   event  = {id, scheme_key, kind, subject_type, subject_id, subject_name, indicator_key,
//             indicator_name, period, occurred_on, evaluator_group, score, points, reason,
//             evidence, status, created_by, created_at, decided_by, decided_at,
//             files: [{id, name, size, content_type, sha256, uploaded_at, uploaded_by}]}
//   result = {id, scheme_key, scheme_name, scheme_version, period, period_label, subject_name,
//             score, own_score, rank, peer_count, tier, tier_label, tier_by_score,
//             tier_by_score_label, capped_by, stars, stars_text, follow_up_item_id, …}
import { del, get, post, postRaw, put } from './request'

const BASE = '/api/v1/assessment'
const enc = encodeURIComponent

// {metrics: [{name, label, rate}], formulas: [name], tiers: [{name, label}]}.
export const getMetrics = (options) => get(`${BASE}/metrics`, undefined, options)

// {items: [scheme without indicators, with indicator_count]}: the latest version of each.
export const listSchemes = (options) => get(`${BASE}/schemes`, undefined, options)
// The latest version, or `version`.
export const getScheme = (key, version, options) =>
  get(`${BASE}/schemes/${enc(key)}`, version ? { version } : undefined, options)
// Saves a new version (admin); → the scheme as saved.
export const saveScheme = (key, body) => put(`${BASE}/schemes/${enc(key)}`, body)

// Evaluator grants: {items: [{id, account_id, username, unit_id, unit_name}]}.
export const listEvaluators = (key, options) => get(`${BASE}/schemes/${enc(key)}/evaluators`, undefined, options)
export const addEvaluator = (key, { account_id, unit_id }) =>
  post(`${BASE}/schemes/${enc(key)}/evaluators`, { account_id, unit_id })
export const removeEvaluator = (id) => del(`${BASE}/evaluators/${id}`)
// For the signed-in evaluator: {items: [{scheme_key, scheme_name, unit_id, unit_name}]}.
export const mySubjects = (options) => get(`${BASE}/my-subjects`, undefined, options)

// {scheme, kind, subject_type, subject_id, status, period, page, page_size} → {items, total, …}.
export const listEvents = (params, options) => get(`${BASE}/events`, params, options)
export const createEvent = (body) => post(`${BASE}/events`, body)
export const approveEvent = (id, reason) => post(`${BASE}/events/${id}/approve`, reason ? { reason } : {})
export const rejectEvent = (id, reason) => post(`${BASE}/events/${id}/reject`, reason ? { reason } : {})
// Evidence for an event (its filer until it is decided, a supervisor at any time): raw bytes,
// the server sniffs the type → {id, name, size, content_type, sha256, uploaded_at, uploaded_by}.
export const uploadEventFile = (eventId, file, options) =>
  postRaw(`${BASE}/events/${eventId}/files`, file, {
    ...options,
    params: { name: file.name },
    contentType: file.type || 'application/octet-stream',
  })
export const eventFileUrl = (fileId) => `${BASE}/files/${fileId}`

// Every page of a listEvents query (page_size 200, capped so a runaway answer cannot loop).
export async function listAllEvents(params, { maxPages = 25, ...options } = {}) {
  const items = []
  for (let page = 1; page <= maxPages; page++) {
    const res = await listEvents({ ...params, page, page_size: 200 }, options)
    items.push(...(res?.items || []))
    if (!res?.items?.length || items.length >= (res.total ?? 0)) break
  }
  return items
}

// {scheme, period, unit} → {items: [result], follow_ups_created}.
export const computeResults = ({ scheme, period, unit }) => post(`${BASE}/results/compute`, { scheme, period, unit })
// {scheme, period, unit} → {items: [result]} in rank order.
export const listResults = (params, options) => get(`${BASE}/results`, params, options)
// → result plus indicators: [{key, name, depth, value, points, max_points, explanation}], events.
export const getResult = (id, options) => get(`${BASE}/results/${id}`, undefined, options)
