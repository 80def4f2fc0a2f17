// Campaigns 专项活动: {id, name, description, starts_on, ends_on, unit_id, phases: [{name,
// starts_on, ends_on}], categories: [{id, name, parent_id}]}.
import { get, patch, post } from './request'

export const listCampaigns = (params, options) => get('/api/v1/campaigns', params, options)
export const getCampaign = (id) => get(`/api/v1/campaigns/${id}`)
export const createCampaign = (body) => post('/api/v1/campaigns', body)
export const updateCampaign = (id, changes) => patch(`/api/v1/campaigns/${id}`, changes)
