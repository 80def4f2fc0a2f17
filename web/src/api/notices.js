// Supervision notices 督办单: {id, number, item_id, item_code, item_title, unit_id, unit_name,
// lead_leader_name, level, reason, condition, issued_at, issued_by, respond_by, status,
// response_text, responded_at, responded_by}.
import { get, post } from './request'

export const listNotices = (params, options) => get('/api/v1/notices', params, options)
export const createNotice = (body) => post('/api/v1/notices', body)
export const respondNotice = (id, text) => post(`/api/v1/notices/${id}/respond`, { text })
// The on-demand sweep → {issued, escalated, checked}.
export const runSweep = () => post('/api/v1/sweep', {})
