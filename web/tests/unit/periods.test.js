import { beforeEach, describe, expect, it } from 'vitest'
import { setLocale } from '@/locales'
import {
  isoWeekMonday,
  lastMonths,
  parsePeriod,
  periodDefaults,
  periodString,
  weekPeriod,
  yearPeriod,
} from '@/utils/periods'
import { monthlyTrendRows, rateNumber, trendOption } from '@/utils/charts'

beforeEach(() => setLocale('zh-CN'))

describe('period strings', () => {
  it.each([
    [2026, '2026'],
    ['2026', '2026'],
    [999, ''],
    [2026.5, ''],
    [null, ''],
  ])('year %j → %j', (value, spec) => {
    expect(yearPeriod(value)).toBe(spec)
  })

  it('offers the year kind in periodString', () => {
    expect(periodString('year', { year: 2026 })).toBe('2026')
    expect(periodString('year', {})).toBe('')
  })

  it.each([
    [2026, 44, '2026-10-26'],
    [2026, 1, '2025-12-29'],
    [2026, 53, '2026-12-28'],
    [2025, 1, '2024-12-30'],
    [2021, 1, '2021-01-04'],
  ])('ISO week %i-W%i starts on %s', (year, week, monday) => {
    expect(isoWeekMonday(year, week)).toBe(monday)
    expect(weekPeriod(monday)).toBe(`${year}-W${String(week).padStart(2, '0')}`)
  })

  it.each([
    ['2026-W44', { kind: 'week', week: '2026-10-26' }],
    ['2026-10', { kind: 'month', month: '2026-10' }],
    ['2026-Q4', { kind: 'quarter', quarter: { year: 2026, quarter: 4 } }],
    ['2026', { kind: 'year', year: 2026 }],
    ['2026-10-01..2026-10-31', { kind: 'custom', range: ['2026-10-01', '2026-10-31'] }],
  ])('parses %s back into the picker', (spec, values) => {
    expect(parsePeriod(spec)).toEqual(values)
    const { kind, ...form } = values
    expect(periodString(kind, form)).toBe(spec)
  })

  it.each(['', '2026-13', '2026-Q5', '2026-W54', '2025-W53', '2026-10-31..2026-10-01', '2026-02-30..2026-03-01', 'soon', null])(
    'rejects %j',
    (spec) => {
      expect(parsePeriod(spec)).toBeNull()
    },
  )

  it('starts the picker at today', () => {
    expect(periodDefaults('2026-11-23')).toEqual({
      week: '2026-11-23',
      month: '2026-11',
      quarter: { year: 2026, quarter: 4 },
      year: 2026,
      range: null,
    })
  })

  it.each([
    ['2026-03-15', 3, ['2026-01', '2026-02', '2026-03']],
    ['2026-02-01', 4, ['2025-11', '2025-12', '2026-01', '2026-02']],
    ['2026-12-31', 1, ['2026-12']],
    ['2026-05-01', 0, []],
    ['not a day', 3, []],
  ])('lastMonths(%s, %i)', (today, n, months) => {
    expect(lastMonths(today, n)).toEqual(months)
  })

  it('gives 12 distinct months across a year end', () => {
    const months = lastMonths('2026-01-10', 12)
    expect(months[0]).toBe('2025-02')
    expect(months[11]).toBe('2026-01')
    expect(new Set(months).size).toBe(12)
  })
})

describe('monthly trend', () => {
  it.each([
    ['87.28%', 87.28],
    [87.28, 87.28],
    ['100.00%', 100],
    [null, null],
    ['', null],
    ['—', null],
  ])('rate %j → %j', (value, x) => {
    expect(rateNumber(value)).toBe(x)
  })

  it('reads the bulletins of each month: new, closed in the month, closure rate at its end', () => {
    const bulletin = (n, closed, rate) => ({ totals: { new: n, closed: 999, closed_in_period: closed, closure_rate: rate } })
    const rows = monthlyTrendRows(['2026-09', '2026-10', '2026-11'], {
      bulletins: [bulletin(12, 7, '58.33%'), null, bulletin(3, 9, null)],
    })
    expect(rows).toEqual([
      { month: '2026-09', new: 12, closed: 7, closure_rate: 58.33 },
      { month: '2026-10', new: null, closed: null, closure_rate: null },
      { month: '2026-11', new: 3, closed: 9, closure_rate: null },
    ])
  })

  it('prefers the dashboard’s monthly rows, by month', () => {
    const rows = monthlyTrendRows(['2026-10', '2026-11'], {
      monthly: [{ month: '2026-11', new: 5, closed: 4, closure_rate: '80.00%' }],
      bulletins: [{ totals: { new: 1 } }],
    })
    expect(rows).toEqual([
      { month: '2026-10', new: null, closed: null, closure_rate: null },
      { month: '2026-11', new: 5, closed: 4, closure_rate: 80 },
    ])
  })

  it('draws new and closed on the left axis and the rate on the right', () => {
    const option = trendOption([{ month: '2026-11', new: 5, closed: 4, closure_rate: 80 }])
    expect(option.xAxis.data).toEqual(['2026-11'])
    expect(option.series.map((s) => [s.name, s.yAxisIndex ?? 0, s.data])).toEqual([
      ['新增', 0, [5]],
      ['销号', 0, [4]],
      ['销号率', 1, [80]],
    ])
    expect(option.yAxis[1].max).toBe(100)
  })
})
