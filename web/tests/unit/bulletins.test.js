import { describe, expect, it } from 'vitest'
import {
  bulletinExportUrl,
  bulletinQuery,
  bulletinSchemes,
  documentNumber,
  issuedExportUrl,
  bulletinUrl,
  customPeriod,
  isoWeek,
  monthPeriod,
  periodString,
  quarterOf,
  quarterPeriod,
  rateText,
  toYmd,
  weekPeriod,
} from '@/utils/bulletins'

describe('ISO weeks', () => {
  it.each([
    ['2026-10-26', 2026, 44], // Monday
    ['2026-11-01', 2026, 44], // Sunday of the same week
    ['2026-01-01', 2026, 1], // Thursday: week 1 of 2026
    ['2025-12-29', 2026, 1], // Monday before new year already in 2026-W01
    ['2024-12-30', 2025, 1],
    ['2027-01-01', 2026, 53], // Friday: still 2026's week 53
    ['2027-01-03', 2026, 53],
    ['2027-01-04', 2027, 1],
    ['2020-12-31', 2020, 53],
    ['2021-01-03', 2020, 53],
    ['2022-01-02', 2021, 52],
    ['2023-01-01', 2022, 52],
    ['2023-01-02', 2023, 1],
  ])('%s → %i-W%i', (day, year, week) => {
    expect(isoWeek(toYmd(day))).toEqual({ year, week })
  })
})

describe('period strings', () => {
  it('week from a Date or a day string', () => {
    expect(weekPeriod(new Date(2026, 9, 26))).toBe('2026-W44')
    expect(weekPeriod('2026-10-28')).toBe('2026-W44')
    expect(weekPeriod('2026-01-05')).toBe('2026-W02')
    expect(weekPeriod(new Date(2026, 11, 28))).toBe('2026-W53')
    expect(weekPeriod(new Date(2021, 0, 4))).toBe('2021-W01')
  })

  it('week picked in a Sunday-first locale counts as the ISO week of the Monday after', () => {
    expect(weekPeriod(new Date(2026, 9, 25))).toBe('2026-W44') // Sunday 25 Oct → week of 26 Oct
    expect(weekPeriod('2026-12-27')).toBe('2026-W53')
    expect(weekPeriod('2024-12-29')).toBe('2025-W01')
  })

  it('week is empty without a day', () => {
    expect(weekPeriod(null)).toBe('')
    expect(weekPeriod('')).toBe('')
    expect(weekPeriod(new Date('nonsense'))).toBe('')
    expect(weekPeriod('2026-02-30')).toBe('')
  })

  it('month', () => {
    expect(monthPeriod('2026-10')).toBe('2026-10')
    expect(monthPeriod('2026-01-31')).toBe('2026-01')
    expect(monthPeriod(new Date(2026, 0, 1))).toBe('2026-01')
    expect(monthPeriod('2026-13')).toBe('')
    expect(monthPeriod(null)).toBe('')
  })

  it('quarter', () => {
    expect(quarterPeriod({ year: 2026, quarter: 3 })).toBe('2026-Q3')
    expect(quarterPeriod({ year: '2026', quarter: '1' })).toBe('2026-Q1')
    expect(quarterPeriod({ year: 2026, quarter: 5 })).toBe('')
    expect(quarterPeriod({ year: 2026 })).toBe('')
    expect(quarterPeriod(null)).toBe('')
    expect(quarterOf('2026-10-15')).toEqual({ year: 2026, quarter: 4 })
    expect(quarterOf('2026-03-31')).toEqual({ year: 2026, quarter: 1 })
    expect(quarterOf('2026-04-01')).toEqual({ year: 2026, quarter: 2 })
  })

  it('custom range', () => {
    expect(customPeriod(['2026-10-01', '2026-10-31'])).toBe('2026-10-01..2026-10-31')
    expect(customPeriod([new Date(2026, 11, 25), new Date(2027, 0, 5)])).toBe('2026-12-25..2027-01-05')
    expect(customPeriod(['2026-10-05', '2026-10-05'])).toBe('2026-10-05..2026-10-05')
    expect(customPeriod(['2026-10-31', '2026-10-01'])).toBe('')
    expect(customPeriod(['2026-10-01'])).toBe('')
    expect(customPeriod(null)).toBe('')
  })

  it('dispatches on the period kind', () => {
    const form = {
      week: '2027-01-01',
      month: '2026-10',
      quarter: { year: 2026, quarter: 3 },
      range: ['2026-10-01', '2026-10-31'],
    }
    expect(periodString('week', form)).toBe('2026-W53')
    expect(periodString('month', form)).toBe('2026-10')
    expect(periodString('quarter', form)).toBe('2026-Q3')
    expect(periodString('custom', form)).toBe('2026-10-01..2026-10-31')
    expect(periodString('year', form)).toBe('')
    expect(periodString('month', {})).toBe('')
  })
})

describe('bulletin query', () => {
  it('keeps period and unit, and the kind only when it is one of the item kinds', () => {
    expect(bulletinQuery({ period: '2026-10', unit: 3, kind: '' })).toEqual({ period: '2026-10', unit: 3 })
    expect(bulletinQuery({ period: '2026-10', unit: 3, kind: 'hazard' })).toEqual({ period: '2026-10', unit: 3, kind: 'hazard' })
    expect(bulletinQuery({ period: '2026-10', unit: null, kind: 'bogus' })).toEqual({ period: '2026-10' })
  })

  it('builds the preview and export URLs with the same query string', () => {
    const q = { period: '2026-10-01..2026-10-31', unit: 7, kind: 'problem' }
    const qs = 'period=2026-10-01..2026-10-31&unit=7&kind=problem'
    expect(bulletinUrl(q)).toBe(`/api/v1/bulletins?${qs}`)
    expect(bulletinExportUrl('xlsx', q)).toBe(`/api/v1/bulletins/export.xlsx?${qs}`)
    expect(bulletinExportUrl('docx', q)).toBe(`/api/v1/bulletins/export.docx?${qs}`)
    expect(bulletinExportUrl('pdf', { period: '2026-W44', unit: 1 })).toBe('/api/v1/bulletins/export.pdf?period=2026-W44&unit=1')
    expect(bulletinExportUrl('pdf', { period: '2026-Q3', unit: 1 })).toBe('/api/v1/bulletins/export.pdf?period=2026-Q3&unit=1')
  })

  it('shows a missing rate as a dash', () => {
    expect(rateText('87.28%')).toBe('87.28%')
    expect(rateText(null)).toBe('—')
  })
})

describe('scoring and the register', () => {
  it('passes the scheme when one is picked', () => {
    expect(bulletinQuery({ period: '2026-10', unit: 3, scheme: 'zuofeng-2026' })).toEqual({
      period: '2026-10',
      unit: 3,
      scheme: 'zuofeng-2026',
    })
    expect(bulletinQuery({ period: '2026-10', scheme: '' })).toEqual({ period: '2026-10' })
  })

  it('offers only unit schemes without a peer kind', () => {
    const schemes = [
      { key: 'a', subject_type: 'unit' },
      { key: 'b', subject_type: 'unit', peer_kind: 'branch' },
      { key: 'c', subject_type: 'person' },
      { key: 'd' },
    ]
    expect(bulletinSchemes(schemes).map((s) => s.key)).toEqual(['a', 'd'])
    expect(bulletinSchemes()).toEqual([])
  })

  it('prints the number once issued and a blank serial before', () => {
    expect(documentNumber({ number: '督通〔2026〕3号', generated_on: '2026-11-02' })).toBe('督通〔2026〕3号')
    expect(documentNumber({ number: null, generated_on: '2026-11-02' })).toBe('督通〔2026〕　号')
  })

  it('downloads an issued bulletin by its id', () => {
    expect(issuedExportUrl(7, 'pdf')).toBe('/api/v1/bulletins/issued/7/export.pdf')
  })
})
