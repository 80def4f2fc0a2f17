// Pure helpers for the work-calendar page: a year's overrides ({date, working, name}: days that
// differ from "Monday–Friday work, weekends off") drawn as month grids, and edited as a list.

const pad = (n) => String(n).padStart(2, '0')

export const isoDate = (year, month, day) => `${year}-${pad(month)}-${pad(day)}`

// Day of week of a "YYYY-MM-DD" date, 0 = Sunday (computed in UTC: no time zone can shift it).
export function weekday(date) {
  const [y, m, d] = String(date).split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay()
}

export const isWeekend = (date) => [0, 6].includes(weekday(date))

export function daysInMonth(year, month) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

// Weeks (Monday first) of one month: 7 cells each, null outside the month.
export function monthGrid(year, month) {
  const first = (weekday(isoDate(year, month, 1)) + 6) % 7
  const cells = Array(first).fill(null)
  for (let d = 1; d <= daysInMonth(year, month); d++) {
    const date = isoDate(year, month, d)
    cells.push({ date, day: d, weekend: isWeekend(date) })
  }
  while (cells.length % 7) cells.push(null)
  const weeks = []
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7))
  return weeks
}

// 'holiday' (an override that is a day off), 'workday' (调休: an override that is worked),
// 'weekend' or 'normal'.
export function dayKind(date, overrides) {
  const o = overrides instanceof Map ? overrides.get(date) : (overrides || []).find((d) => d.date === date)
  if (o) return o.working ? 'workday' : 'holiday'
  return isWeekend(date) ? 'weekend' : 'normal'
}

export const sortDays = (days) => [...(days || [])].sort((a, b) => String(a.date).localeCompare(String(b.date)))

// Clicking a day in the grid: an override is removed; any other day becomes the opposite of
// its usual self (a weekday off, or a weekend day worked).
export function toggleDay(days, date, name = '') {
  if ((days || []).some((d) => d.date === date)) return days.filter((d) => d.date !== date)
  return sortDays([...(days || []), { date, working: isWeekend(date), name }])
}

// The first problem of an edited list as a message key and the date concerned, or null.
export function daysProblem(days, year) {
  const seen = new Set()
  for (const d of days || []) {
    if (!d.date) return { key: 'calendar.dateMissing', date: '' }
    if (!String(d.date).startsWith(`${year}-`)) return { key: 'calendar.dateOutsideYear', date: d.date }
    if (seen.has(d.date)) return { key: 'calendar.dateDuplicate', date: d.date }
    seen.add(d.date)
  }
  return null
}

// The PUT body's days: sorted, names trimmed, working as a boolean.
export const cleanDays = (days) =>
  sortDays(days).map((d) => ({ date: d.date, working: Boolean(d.working), name: String(d.name ?? '').trim() }))
