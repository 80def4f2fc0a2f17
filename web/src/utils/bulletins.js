// 通报 helpers: turning the form's period picker values into the API's period string and
// building the query/URLs for the preview and the downloads. Pure functions.
import { buildUrl } from '@/api/request'

export const PERIOD_KINDS = ['week', 'month', 'quarter', 'custom']
export const BULLETIN_ITEM_KINDS = ['problem', 'task', 'commitment', 'hazard', 'complaint']
export const BULLETIN_PATH = '/api/v1/bulletins'
export const EXPORT_FORMATS = ['xlsx', 'docx', 'pdf']

const pad = (n, width = 2) => String(n).padStart(width, '0')

// A Date (its local calendar day) or "YYYY-MM-DD…" → {y, m, d}, or null when it is not a day.
export function toYmd(value) {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null
    return { y: value.getFullYear(), m: value.getMonth() + 1, d: value.getDate() }
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value ?? ''))
  if (!match) return null
  const [y, m, d] = match.slice(1).map(Number)
  const check = new Date(Date.UTC(y, m - 1, d))
  if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null
  return { y, m, d }
}

// ISO 8601 week of a calendar day: {year, week}. The week-year can differ from the calendar year
// around new year (2026-12-31 → 2026-W53, 2027-01-01 → 2026-W53, 2024-12-30 → 2025-W01).
export function isoWeek({ y, m, d }) {
  const date = new Date(Date.UTC(y, m - 1, d))
  const dow = date.getUTCDay() || 7 // Monday 1 … Sunday 7
  date.setUTCDate(date.getUTCDate() + 4 - dow) // the Thursday of this ISO week
  const year = date.getUTCFullYear()
  const week = Math.ceil(((date - Date.UTC(year, 0, 1)) / 86400000 + 1) / 7)
  return { year, week }
}

// The week picker hands back the first day of the chosen week; in a locale whose weeks start on
// Sunday that Sunday belongs to the previous ISO week, so a Sunday stands for the Monday after.
export function weekPeriod(value) {
  const ymd = toYmd(value)
  if (!ymd) return ''
  let day = ymd
  if (new Date(Date.UTC(ymd.y, ymd.m - 1, ymd.d)).getUTCDay() === 0) {
    const next = new Date(Date.UTC(ymd.y, ymd.m - 1, ymd.d + 1))
    day = { y: next.getUTCFullYear(), m: next.getUTCMonth() + 1, d: next.getUTCDate() }
  }
  const { year, week } = isoWeek(day)
  return `${year}-W${pad(week)}`
}

// "2026-10" | "2026-10-15" | Date → "2026-10".
export function monthPeriod(value) {
  if (value instanceof Date) {
    const ymd = toYmd(value)
    return ymd ? `${ymd.y}-${pad(ymd.m)}` : ''
  }
  const match = /^(\d{4})-(\d{2})/.exec(String(value ?? ''))
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) return ''
  return `${match[1]}-${match[2]}`
}

// {year: 2026, quarter: 3} → "2026-Q3".
export function quarterPeriod(value) {
  const year = Number(value?.year)
  const quarter = Number(value?.quarter)
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return ''
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) return ''
  return `${year}-Q${quarter}`
}

// [from, to] (Dates or "YYYY-MM-DD") → "2026-10-01..2026-10-31"; '' when incomplete or reversed.
export function customPeriod(value) {
  if (!Array.isArray(value) || value.length !== 2) return ''
  const [a, b] = value.map(toYmd)
  if (!a || !b) return ''
  const from = `${a.y}-${pad(a.m)}-${pad(a.d)}`
  const to = `${b.y}-${pad(b.m)}-${pad(b.d)}`
  return from <= to ? `${from}..${to}` : ''
}

// The form's {kind, week, month, quarter, range} → the API's period string ('' if incomplete).
export function periodString(kind, form) {
  switch (kind) {
    case 'week':
      return weekPeriod(form?.week)
    case 'month':
      return monthPeriod(form?.month)
    case 'quarter':
      return quarterPeriod(form?.quarter)
    case 'custom':
      return customPeriod(form?.range)
    default:
      return ''
  }
}

// Which quarter a "YYYY-MM-DD" day is in: {year, quarter}.
export function quarterOf(day) {
  const ymd = toYmd(day)
  return ymd ? { year: ymd.y, quarter: Math.floor((ymd.m - 1) / 3) + 1 } : null
}

// {period, unit, kind} → the query object (empty kind and missing unit left out).
export function bulletinQuery({ period, unit, kind } = {}) {
  const query = { period }
  if (unit !== undefined && unit !== null && unit !== '') query.unit = unit
  if (kind && BULLETIN_ITEM_KINDS.includes(kind)) query.kind = kind
  return query
}

// The preview URL and the download links share the same query string.
export const bulletinUrl = (query) => buildUrl(BULLETIN_PATH, bulletinQuery(query))
export const bulletinExportUrl = (format, query) =>
  buildUrl(`${BULLETIN_PATH}/export.${format}`, bulletinQuery(query))

// "87.28%" | null → display text ('—' when the server has no rate, e.g. nothing to count).
export const rateText = (value) => (value === null || value === undefined || value === '' ? '—' : String(value))
