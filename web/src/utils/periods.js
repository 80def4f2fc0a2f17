// Reporting periods as the API writes them (docs/API-ASSESSMENT.md, SPEC §7): "2026-W44" (ISO
// week), "2026-10" (month), "2026-Q4" (quarter), "2026" (year), "2026-10-01..2026-10-31"
// (custom), and the picker's values ↔ those strings. Pure functions, shared by 通报 and 考核.

// Every kind a period picker may offer, in the order it lists them.
export const ALL_PERIOD_KINDS = ['week', 'month', 'quarter', 'year', 'custom']

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

// 2026 → "2026" (a four-digit year; '' otherwise).
export function yearPeriod(value) {
  const year = Number(value)
  return Number.isInteger(year) && year >= 1000 && year <= 9999 ? String(year) : ''
}

// The form's {kind, week, month, quarter, year, range} → the API's period string ('' if
// incomplete).
export function periodString(kind, form) {
  switch (kind) {
    case 'week':
      return weekPeriod(form?.week)
    case 'month':
      return monthPeriod(form?.month)
    case 'quarter':
      return quarterPeriod(form?.quarter)
    case 'year':
      return yearPeriod(form?.year)
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


const ymdText = ({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}`

// The Monday of ISO week `week` of week-year `year`, "YYYY-MM-DD" (2026, 44 → "2026-10-26").
export function isoWeekMonday(year, week) {
  const jan4 = new Date(Date.UTC(year, 0, 4))
  const monday = new Date(Date.UTC(year, 0, 4 - ((jan4.getUTCDay() || 7) - 1) + (week - 1) * 7))
  return ymdText({ y: monday.getUTCFullYear(), m: monday.getUTCMonth() + 1, d: monday.getUTCDate() })
}

// A period string → the picker's values {kind, week, month, quarter, year, range}, or null when
// it is not a period ("2026-13", "2026-Q5", a reversed range). The inverse of periodString.
export function parsePeriod(spec) {
  const s = String(spec ?? '').trim()
  let m
  if ((m = /^(\d{4})-W(\d{2})$/.exec(s))) {
    const [year, week] = [Number(m[1]), Number(m[2])]
    if (week < 1 || week > 53) return null
    const monday = isoWeekMonday(year, week)
    if (weekPeriod(monday) !== s) return null // week 53 of a year that has 52
    return { kind: 'week', week: monday }
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(s))) {
    return monthPeriod(s) ? { kind: 'month', month: s } : null
  }
  if ((m = /^(\d{4})-Q(\d)$/.exec(s))) {
    const quarter = { year: Number(m[1]), quarter: Number(m[2]) }
    return quarterPeriod(quarter) ? { kind: 'quarter', quarter } : null
  }
  if (/^\d{4}$/.test(s)) return { kind: 'year', year: Number(s) }
  if ((m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(s))) {
    const range = [m[1], m[2]]
    return customPeriod(range) === s ? { kind: 'custom', range } : null
  }
  return null
}

// The picker's starting values for `today` ("YYYY-MM-DD"): this week, month, quarter and year.
export function periodDefaults(today) {
  const ymd = toYmd(today)
  if (!ymd) return { week: null, month: '', quarter: null, year: null, range: null }
  return {
    week: ymdText(ymd),
    month: `${ymd.y}-${pad(ymd.m)}`,
    quarter: quarterOf(today),
    year: ymd.y,
    range: null,
  }
}

// The `count` months ending with the month of `today`, oldest first: ("2026-03-15", 3) →
// ["2026-01", "2026-02", "2026-03"].
export function lastMonths(today, count) {
  const ymd = toYmd(today)
  if (!ymd || !(count > 0)) return []
  const out = []
  for (let i = count - 1; i >= 0; i--) {
    const index = ymd.y * 12 + (ymd.m - 1) - i
    out.push(`${Math.floor(index / 12)}-${pad((index % 12) + 1)}`)
  }
  return out
}
