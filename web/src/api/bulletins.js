// 通报 (bulletins): {period: {kind, spec, label, from, to}, scope: {unit_id, unit_name}, kind,
// totals: ROW, units: [ROW], overdue_items, listed_items, criticised, commended, generated_on}
// where ROW = {unit_id, unit_name, total, new, closed, closed_in_period, overdue, closure_rate,
// on_time_rate, satisfaction_rate, rank}. The exports are plain links (see bulletinExportUrl).
import { get, post } from './request'
import { BULLETIN_PATH, ISSUED_PATH, bulletinQuery } from '@/utils/bulletins'

// {period: "2026-10", unit: 3, kind: "problem"} → the bulletin.
export const getBulletin = (query, options) => get(BULLETIN_PATH, bulletinQuery(query), options)

// The register: {items: [{id, number, title, scope: {unit_id, unit_name}, period, period_kind,
// kind, scheme_key, origin: manual|schedule, issued_by, issued_at}], total}.
export const listIssued = (params, options) => get(ISSUED_PATH, params, options)
// {period, unit, kind, scheme} → {record, bulletin} (409 when that period was issued before).
export const issueBulletin = (query) => post(ISSUED_PATH, bulletinQuery(query))
// → {record, bulletin}: the bulletin as it was issued.
export const getIssued = (id, options) => get(`${ISSUED_PATH}/${encodeURIComponent(id)}`, undefined, options)
