import { describe, expect, it } from 'vitest'
import { formatInstant, formatInstantDate } from '@/utils/datetime'

describe('formatInstant (Asia/Shanghai, UTC+8, no DST)', () => {
  it.each([
    ['2026-11-23T05:00:00Z', '2026-11-23 13:00:00'],
    ['2026-11-23T00:00:00Z', '2026-11-23 08:00:00'],
    ['2026-11-23T16:00:00Z', '2026-11-24 00:00:00'], // midnight is 00, never 24
    ['2026-11-23T17:30:05Z', '2026-11-24 01:30:05'],
    ['2025-12-31T16:00:00Z', '2026-01-01 00:00:00'], // year boundary
    ['2028-02-28T20:15:00Z', '2028-02-29 04:15:00'], // leap day
    ['2026-07-01T03:04:05.678Z', '2026-07-01 11:04:05'], // fractions dropped, summer same offset
    ['2026-11-23T13:00:00+08:00', '2026-11-23 13:00:00'],
  ])('%s → %s', (input, expected) => {
    expect(formatInstant(input)).toBe(expected)
  })

  it('accepts Date objects', () => {
    expect(formatInstant(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe('2026-01-02 11:04:05')
  })

  it('returns empty text for missing values', () => {
    expect(formatInstant(null)).toBe('')
    expect(formatInstant(undefined)).toBe('')
    expect(formatInstant('')).toBe('')
  })

  it('shows an unparseable value as it came', () => {
    expect(formatInstant('not-a-time')).toBe('not-a-time')
  })

  it('date only', () => {
    expect(formatInstantDate('2026-11-23T17:00:00Z')).toBe('2026-11-24')
    expect(formatInstantDate(null)).toBe('')
  })
})
