// 通报 (bulletins): {period: {kind, spec, label, from, to}, scope: {unit_id, unit_name}, kind,
// totals: ROW, units: [ROW], overdue_items, listed_items, criticised, commended, generated_on}
// where ROW = {unit_id, unit_name, total, new, closed, closed_in_period, overdue, closure_rate,
// on_time_rate, satisfaction_rate, rank}. The exports are plain links (see bulletinExportUrl).
import { get } from './request'
import { BULLETIN_PATH, bulletinQuery } from '@/utils/bulletins'

// {period: "2026-10", unit: 3, kind: "problem"} → the bulletin.
export const getBulletin = (query, options) => get(BULLETIN_PATH, bulletinQuery(query), options)
