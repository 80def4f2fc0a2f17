// 工作台 figures: {todo, due_soon, overdue, totals, by_unit}.
import { get } from './request'

export const getDashboard = (options) => get('/api/v1/dashboard', undefined, options)
