// The work calendar: per year, the days that differ from the Monday–Friday rule
// ({date, working, name}), and the deadline calculator.
import { get, postRaw, put } from './request'

export const listCalendarYears = (options) => get('/api/v1/calendar', undefined, options)
export const getCalendarYear = (year, options) => get(`/api/v1/calendar/${year}`, undefined, options)
export const saveCalendarYear = (year, days) => put(`/api/v1/calendar/${year}`, { days })
// ICS (text/calendar) or JSON (application/json) → {years, days}.
export const importCalendar = (file, contentType) =>
  postRaw('/api/v1/calendar/import', file, { contentType })
// → {deadline}; a year without a calendar is refused with a message.
export const computeDeadline = (from, workingDays, options) =>
  get('/api/v1/calendar/deadline', { from, working_days: workingDays }, options)

