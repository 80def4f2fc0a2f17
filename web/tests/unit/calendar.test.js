import { describe, expect, it } from 'vitest'
import { cleanDays, dayKind, daysInMonth, daysProblem, isWeekend, monthGrid, toggleDay, weekday } from '@/utils/calendar'

describe('calendar grid', () => {
  it('knows weekdays and month lengths', () => {
    expect(weekday('2026-10-01')).toBe(4) // Thursday
    expect(isWeekend('2026-10-10')).toBe(true)
    expect(isWeekend('2026-10-12')).toBe(false)
    expect(daysInMonth(2026, 2)).toBe(28)
    expect(daysInMonth(2028, 2)).toBe(29)
  })

  it('lays a month out in Monday-first weeks', () => {
    const weeks = monthGrid(2026, 10)
    expect(weeks.every((w) => w.length === 7)).toBe(true)
    expect(weeks[0].slice(0, 3)).toEqual([null, null, null])
    expect(weeks[0][3]).toEqual({ date: '2026-10-01', day: 1, weekend: false })
    expect(weeks[1][5]).toEqual({ date: '2026-10-10', day: 10, weekend: true })
    expect(weeks.flat().filter(Boolean)).toHaveLength(31)
  })

  it('tells holidays, 调休 working days, weekends and ordinary days apart', () => {
    const overrides = [
      { date: '2026-10-01', working: false, name: '国庆节' },
      { date: '2026-10-10', working: true, name: '调休' },
    ]
    expect(dayKind('2026-10-01', overrides)).toBe('holiday')
    expect(dayKind('2026-10-10', new Map(overrides.map((d) => [d.date, d])))).toBe('workday')
    expect(dayKind('2026-10-11', overrides)).toBe('weekend')
    expect(dayKind('2026-10-12', overrides)).toBe('normal')
  })
})

describe('editing a year', () => {
  it('toggles a day: a weekday off, a weekend day worked, an override removed', () => {
    let days = toggleDay([], '2026-10-12')
    expect(days).toEqual([{ date: '2026-10-12', working: false, name: '' }])
    days = toggleDay(days, '2026-10-10')
    expect(days.map((d) => [d.date, d.working])).toEqual([
      ['2026-10-10', true],
      ['2026-10-12', false],
    ])
    expect(toggleDay(days, '2026-10-12')).toEqual([{ date: '2026-10-10', working: true, name: '' }])
  })

  it('finds missing, duplicate and out-of-year dates', () => {
    expect(daysProblem([{ date: '2026-01-01' }], 2026)).toBeNull()
    expect(daysProblem([{ date: '' }], 2026)).toEqual({ key: 'calendar.dateMissing', date: '' })
    expect(daysProblem([{ date: '2025-12-31' }], 2026)).toEqual({ key: 'calendar.dateOutsideYear', date: '2025-12-31' })
    expect(daysProblem([{ date: '2026-01-01' }, { date: '2026-01-01' }], 2026)).toEqual({
      key: 'calendar.dateDuplicate',
      date: '2026-01-01',
    })
  })

  it('cleans the list for PUT', () => {
    expect(cleanDays([{ date: '2026-02-01', working: 1, name: ' 调休 ', extra: 1 }, { date: '2026-01-01', name: null }])).toEqual([
      { date: '2026-01-01', working: false, name: '' },
      { date: '2026-02-01', working: true, name: '调休' },
    ])
  })
})
