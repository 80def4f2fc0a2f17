// The append-only audit log: {seq, at, actor_account_id, actor_username, action, entity_type,
// entity_id, unit_id, before, after}.
import { get } from './request'

export const listAuditEvents = (params) => get('/api/v1/audit', params)
