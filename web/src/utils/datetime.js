// Formats the API's RFC 3339 UTC instants for people in China. Pure functions; the time zone is
// fixed to Asia/Shanghai whatever the browser's own zone is, so every user sees the same time.
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai'

const formatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: DISPLAY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

function parts(date) {
  const out = {}
  for (const p of formatter.formatToParts(date)) out[p.type] = p.value
  return out
}

// "2026-11-23T05:00:00Z" → "2026-11-23 13:00:00". Returns '' for null/undefined/'' and the
// input unchanged when it is not a valid instant, so a bad value is visible rather than hidden.
export function formatInstant(value) {
  if (value === null || value === undefined || value === '') return ''
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) return String(value)
  const p = parts(date)
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`
}

// Same, date only: "2026-11-23T17:00:00Z" → "2026-11-24".
export function formatInstantDate(value) {
  const s = formatInstant(value)
  return s.length >= 10 && /^\d{4}-/.test(s) ? s.slice(0, 10) : s
}

// Today's calendar date in Asia/Shanghai, "YYYY-MM-DD" (the API's dates are Shanghai days).
export function todayInShanghai(now = new Date()) {
  return formatInstantDate(now)
}
