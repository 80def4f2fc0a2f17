// People (cadres): {id, unit_id, unit_name, name, title, phone}.
import { get, post, patch } from './request'

export const listPeople = (params, options) => get('/api/v1/people', params, options)
export const getPerson = (id) => get(`/api/v1/people/${id}`)
export const createPerson = (body) => post('/api/v1/people', body)
export const updatePerson = (id, changes) => patch(`/api/v1/people/${id}`, changes)
