import { beforeEach, describe, expect, it } from 'vitest'
import { setLocale } from '@/locales'
import { contentTypeFor, evidenceProblem, fileExtension, formatSize, MAX_FILE_BYTES } from '@/utils/files'
import { statusByUnitOption, warningByUnitOption, warningPieOption, warningTotals } from '@/utils/charts'
import { todayInShanghai } from '@/utils/datetime'

beforeEach(() => setLocale('zh-CN'))

describe('files', () => {
  it.each([
    ['台账.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['LEDGER.CSV', 'text/csv'],
    ['2026.ics', 'text/calendar'],
    ['days.json', 'application/json'],
    ['photo.jpeg', 'image/jpeg'],
    ['no-extension', ''],
    ['x.exe', ''],
  ])('%s → %j', (name, type) => {
    expect(contentTypeFor(name)).toBe(type)
  })

  it('reads extensions and formats sizes', () => {
    expect(fileExtension('a.b.Docx')).toBe('docx')
    expect(formatSize(512)).toBe('512 B')
    expect(formatSize(1536)).toBe('1.5 KB')
    expect(formatSize(20 * 1024 * 1024)).toBe('20.0 MB')
    expect(formatSize(undefined)).toBe('')
  })

  it.each([
    [{ name: '现场照片.JPG', size: 10 }, ''],
    [{ name: '会议纪要.pdf', size: MAX_FILE_BYTES }, ''],
    [{ name: '会议纪要.pdf', size: MAX_FILE_BYTES + 1 }, 'tooLarge'],
    [{ name: '演示.pptx', size: 10 }, ''],
    [{ name: 'setup.exe', size: 10 }, 'type'],
    [{ name: 'no-extension', size: 10 }, 'type'],
  ])('evidence %j → %j', (file, problem) => {
    expect(evidenceProblem(file)).toBe(problem)
  })
})

describe('today in Asia/Shanghai', () => {
  it('is the Shanghai calendar day, whatever the browser zone', () => {
    expect(todayInShanghai(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23')
    expect(todayInShanghai(new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-24')
  })
})

describe('dashboard charts', () => {
  const byUnit = [
    { unit_id: 1, unit_name: '县交通运输局', status: { draft: 1, in_progress: 3 }, warning: { green: 2, red: 1, severe: 1 } },
    { unit_id: 2, unit_name: '城关镇', status: { closed: 2 }, warning: { yellow: 1 } },
  ]

  it('stacks status by unit, one series per status', () => {
    const option = statusByUnitOption(byUnit)
    expect(option.xAxis.data).toEqual(['县交通运输局', '城关镇'])
    expect(option.series.map((s) => s.name)).toEqual(['待交办', '已交办', '办理中', '待验收', '已销号', '已撤销'])
    expect(option.series.every((s) => s.type === 'bar' && s.stack === 'status')).toBe(true)
    expect(option.series.find((s) => s.name === '办理中').data).toEqual([3, 0])
  })

  it('colours warnings by unit and in the pie with the warning colours', () => {
    const bars = warningByUnitOption(byUnit)
    expect(bars.series.map((s) => s.itemStyle.color)).toEqual(['#67C23A', '#E6A23C', '#F56C6C', '#A8071A'])
    expect(warningTotals(byUnit)).toEqual({ green: 2, yellow: 1, red: 1, severe: 1 })
    const pie = warningPieOption(byUnit)
    expect(pie.series[0].data.map((d) => [d.name, d.value])).toEqual([
      ['正常', 2],
      ['临期', 1],
      ['超期', 1],
      ['严重超期', 1],
    ])
    expect(warningPieOption([]).series[0].data.every((d) => d.value === 0)).toBe(true)
  })
})
