// Accounts: {id, username, person_id, person_name, unit_id, unit_name, roles, disabled}.
import { get, post, patch } from './request'

export const listAccounts = (params, options) => get('/api/v1/accounts', params, options)
export const createAccount = (body) => post('/api/v1/accounts', body)
export const updateAccount = (id, changes) => patch(`/api/v1/accounts/${id}`, changes)
// Ends a lockout (locked_until in the future) and clears the failed sign-ins.
export const unlockAccount = (id) => post(`/api/v1/accounts/${id}/unlock`)
