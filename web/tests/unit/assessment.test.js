import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { setLocale } from '@/locales'
import { configureRequest } from '@/api/request'
import * as api from '@/api/assessment'
import {
  addIndicator,
  canMove,
  cappedNote,
  countingEntryIds,
  findIndicator,
  flattenIndicators,
  indicatorErrors,
  indicatorSummary,
  isTierCapped,
  manualEventBody,
  manualScoreError,
  metricOptions,
  moveIndicator,
  newIndicator,
  nextIndicatorKey,
  normalizeIndicator,
  pointsCategories,
  pointsEventBody,
  pointsFormError,
  pointsLedger,
  pointsText,
  redBlackBoard,
  removeIndicator,
  roundPoints,
  schemeBody,
  schemeErrors,
  scoreBarOption,
  signedPointsText,
  starsText,
  subjectsByScheme,
  sumCheck,
  tierColor,
  tierLabel,
  tierTagType,
  totalMaxPoints,
  updateIndicator,
  decidedBars,
} from '@/utils/assessment'
import { jsonResponse, mockFetch } from './helpers'

beforeEach(() => setLocale('zh-CN'))
afterEach(() => setLocale('zh-CN'))

const linear = (key, max, extra = {}) => normalizeIndicator({ key, name: key, formula: 'linear', max_points: max, metric: 'closure_rate', zero_at: 60, full_at: 100, ...extra })
const sum = (key, max, children) => ({ ...normalizeIndicator({ key, name: key, formula: 'sum', max_points: max }), children })

// 作风建设: 办理质效 (sum 30 = 销号率 20 + 按期 10), 群众评议 (manual 20), 加减分 (event_sum ±5).
function demoTree() {
  return [
    sum('quality', 30, [linear('closure', 20), linear('on_time', 10, { metric: 'on_time_rate' })]),
    normalizeIndicator({
      key: 'review',
      name: '群众评议',
      formula: 'manual_weighted',
      max_points: 20,
      evaluator_groups: [
        { name: '督查打分', weight: 0.4 },
        { name: '服务对象测评', weight: 0.6 },
      ],
    }),
    normalizeIndicator({ key: 'bonus', name: '加减分', formula: 'event_sum', max_points: 0, cap: 5 }),
  ]
}
const validScheme = (extra = {}) => ({
  key: 'zuofeng-2026',
  name: '2026年作风建设考核',
  subject_type: 'unit',
  indicators: demoTree(),
  tier_bounds: [60, 80, 90],
  bars: [{ key: 'major', name: '重大隐患逾期', metric: 'major_hazard_overdue_count', threshold: 0, cap: 'poor' }],
  star_bounds: [],
  child_weight: 0.3,
  ...extra,
})

describe('tiers', () => {
  it.each([
    ['good', '好', 'success', '#67C23A'],
    ['fairly_good', '较好', 'primary', '#409EFF'],
    ['average', '一般', 'warning', '#E6A23C'],
    ['poor', '差', 'danger', '#F56C6C'],
  ])('%s is %s, tag %s, colour %s', (tier, label, type, color) => {
    expect(tierLabel(tier)).toBe(label)
    expect(tierTagType(tier)).toBe(type)
    expect(tierColor(tier)).toBe(color)
  })

  it('shows an unknown tier as sent, in grey', () => {
    expect(tierLabel('excellent')).toBe('excellent')
    expect(tierLabel('excellent', '优秀')).toBe('优秀')
    expect(tierTagType('excellent')).toBe('info')
    expect(tierColor(undefined)).toBe('#909399')
  })

  it('speaks English too', () => {
    setLocale('en')
    expect(tierLabel('fairly_good')).toBe('Fairly good')
  })
})

describe('points and stars', () => {
  it.each([
    [8.728, 8.73, '8.73'],
    [10, 10, '10'],
    [7.5, 7.5, '7.5'],
    [1.005, 1.01, '1.01'],
    [-0.5, -0.5, '-0.5'],
    [-0.004, 0, '0'],
  ])('%s rounds to %s and prints %s', (x, rounded, text) => {
    expect(roundPoints(x)).toBe(rounded)
    expect(pointsText(x)).toBe(text)
  })

  it('prints missing points as a dash and signs point events', () => {
    expect(pointsText(null)).toBe('—')
    expect(pointsText(undefined)).toBe('—')
    expect(signedPointsText(0.5)).toBe('+0.5')
    expect(signedPointsText(-1)).toBe('-1')
  })

  it.each([
    [0, '☆☆☆☆☆'],
    [3, '★★★☆☆'],
    [5, '★★★★★'],
    [7, '★★★★★'],
    [-1, '☆☆☆☆☆'],
    [undefined, '☆☆☆☆☆'],
  ])('%s stars → %s', (n, text) => {
    expect(starsText(n)).toBe(text)
  })
})

describe('indicator tree', () => {
  it('flattens in pre-order with depths and parents', () => {
    const rows = flattenIndicators(demoTree())
    expect(rows.map((r) => [r.indicator.key, r.depth, r.parentKey])).toEqual([
      ['quality', 0, null],
      ['closure', 1, 'quality'],
      ['on_time', 1, 'quality'],
      ['review', 0, null],
      ['bonus', 0, null],
    ])
    expect(findIndicator(demoTree(), 'on_time').metric).toBe('on_time_rate')
    expect(findIndicator(demoTree(), 'nope')).toBeNull()
  })

  it('adds a root or a child without touching the original', () => {
    const tree = demoTree()
    const root = addIndicator(tree, null, linear('new', 5))
    expect(root.map((i) => i.key)).toEqual(['quality', 'review', 'bonus', 'new'])
    const child = addIndicator(tree, 'quality', linear('sign', 5, { metric: 'sign_for_rate' }))
    expect(findIndicator(child, 'quality').children.map((i) => i.key)).toEqual(['closure', 'on_time', 'sign'])
    expect(findIndicator(tree, 'quality').children).toHaveLength(2)
    expect(addIndicator(tree, 'missing', linear('x', 1))).toBe(tree)
  })

  it('edits an indicator, keeping a sum’s children and renaming its key', () => {
    const tree = demoTree()
    const edited = updateIndicator(tree, 'quality', { ...findIndicator(tree, 'quality'), key: 'q2', max_points: 35, children: [] })
    const q = findIndicator(edited, 'q2')
    expect(q.max_points).toBe(35)
    expect(q.children.map((i) => i.key)).toEqual(['closure', 'on_time'])
    const deep = updateIndicator(tree, 'closure', linear('closure', 20, { zero_at: 50 }))
    expect(findIndicator(deep, 'closure').zero_at).toBe(50)
    expect(findIndicator(tree, 'closure').zero_at).toBe(60)
  })

  it('removes an indicator with its children', () => {
    const tree = demoTree()
    expect(flattenIndicators(removeIndicator(tree, 'quality')).map((r) => r.indicator.key)).toEqual(['review', 'bonus'])
    expect(findIndicator(removeIndicator(tree, 'on_time'), 'quality').children.map((i) => i.key)).toEqual(['closure'])
    expect(flattenIndicators(tree)).toHaveLength(5)
  })

  it('moves an indicator among its siblings only, clamped at the ends', () => {
    const tree = demoTree()
    expect(moveIndicator(tree, 'bonus', -1).map((i) => i.key)).toEqual(['quality', 'bonus', 'review'])
    expect(moveIndicator(tree, 'quality', -1)).toEqual(tree)
    expect(moveIndicator(tree, 'quality', 5).map((i) => i.key)).toEqual(['review', 'bonus', 'quality'])
    expect(findIndicator(moveIndicator(tree, 'on_time', -1), 'quality').children.map((i) => i.key)).toEqual(['on_time', 'closure'])
    expect(canMove(tree, 'quality', -1)).toBe(false)
    expect(canMove(tree, 'quality', 1)).toBe(true)
    expect(canMove(tree, 'on_time', 1)).toBe(false)
    expect(canMove(tree, 'on_time', -1)).toBe(true)
  })

  it('suggests a key not yet used', () => {
    expect(nextIndicatorKey([])).toBe('ind1')
    expect(nextIndicatorKey(demoTree())).toBe('ind6')
    expect(nextIndicatorKey([linear('ind2', 1), linear('ind3', 1)])).toBe('ind4')
  })

  it('checks the 分值分解 of a sum and gives the difference', () => {
    expect(sumCheck(findIndicator(demoTree(), 'quality'))).toEqual({ sum: 30, max: 30, diff: 0, ok: true })
    const short = sum('s', 30, [linear('a', 12.5), linear('b', 10)])
    expect(sumCheck(short)).toEqual({ sum: 22.5, max: 30, diff: 7.5, ok: false })
    // the dialog checks a max points being typed against the existing children
    expect(sumCheck({ max_points: 20 }, short.children)).toMatchObject({ sum: 22.5, diff: -2.5, ok: false })
    expect(sumCheck(sum('t', 0.3, [linear('a', 0.1), linear('b', 0.2)])).ok).toBe(true)
    expect(totalMaxPoints(demoTree())).toBe(50)
  })

  it('keeps only the fields a formula reads', () => {
    const ind = normalizeIndicator({
      key: ' k ', name: ' 名 ', formula: 'event_sum', max_points: 10, metric: 'closure_rate', cap: '2',
      evaluator_groups: [{ name: 'x', weight: 1 }], children: [linear('c', 1)],
    })
    expect(ind).toMatchObject({ key: 'k', name: '名', max_points: 0, metric: null, cap: 2, evaluator_groups: [], children: [] })
    expect(newIndicator('linear')).toMatchObject({ formula: 'linear', max_points: 10, zero_at: 0, full_at: 100, no_data: 'full_points' })
    expect(newIndicator('per_event_deduction')).toMatchObject({ per_event_points: 0.5, cap: null })
    expect(newIndicator('event_sum').max_points).toBe(0)
  })

  it('summarises how each indicator scores', () => {
    const metrics = metricOptions()
    const [quality, review, bonus] = demoTree()
    expect(indicatorSummary(quality.children[0], metrics)).toBe('销号率：60 得 0 分 → 100 得满分')
    expect(indicatorSummary(quality, metrics)).toBe('2 项子指标，合计 30 分')
    expect(indicatorSummary(review, metrics)).toBe('督查打分 40%、服务对象测评 60%')
    expect(indicatorSummary(bonus, metrics)).toBe('加减分，上限 ±5 分')
    const deduct = normalizeIndicator({ key: 'd', name: 'd', formula: 'per_event_deduction', max_points: 5, metric: 'overdue_count', per_event_points: 0.5, cap: 3 })
    expect(indicatorSummary(deduct, metrics)).toBe('逾期件数：每件扣 0.5 分，最多扣 3 分')
  })

  it('takes metric labels from the server when it answers', () => {
    const options = metricOptions([{ name: 'closure_rate', label: '销号率', rate: true }, { name: 'new_metric', label: '新指标', rate: false }])
    expect(options).toEqual([
      { value: 'closure_rate', label: '销号率', rate: true },
      { value: 'new_metric', label: '新指标', rate: false },
    ])
    expect(metricOptions()).toHaveLength(11)
  })
})

describe('indicator checks', () => {
  const errorsOf = (ind, others = [], opts) => indicatorErrors(ind, others, opts)

  it('passes every indicator of a valid tree', () => {
    for (const { indicator } of flattenIndicators(demoTree())) expect(errorsOf(indicator)).toEqual([])
  })

  it.each([
    ['an empty key', { key: '' }, '请填写指标标识'],
    ['a key used elsewhere', { key: 'dup' }, '标识“dup”已被使用'],
    ['no name', { name: ' ' }, '请填写指标名称'],
    ['max points 0', { max_points: 0 }, '满分须大于 0'],
    ['no metric', { metric: null }, '请选择指标数据'],
    ['zero_at = full_at', { zero_at: 80, full_at: 80 }, '“零分值”与“满分值”须为不同的数值'],
    ['children on a linear one', { children: [linear('c', 1)] }, '只有“分项合计”指标可以有子指标，请先删除其子指标'],
  ])('a linear indicator with %s', (_, change, message) => {
    expect(errorsOf({ ...linear('l', 10), ...change }, ['dup'])).toContain(message)
  })

  it('wants a count metric and positive points per event for per-event deductions', () => {
    const base = normalizeIndicator({ key: 'd', name: 'd', formula: 'per_event_deduction', max_points: 5, metric: 'overdue_count', per_event_points: 0.5 })
    expect(errorsOf(base)).toEqual([])
    expect(errorsOf({ ...base, metric: 'closure_rate' })).toContain('按件扣分须使用计数类指标数据（如逾期件数）')
    expect(errorsOf({ ...base, per_event_points: 0 })).toContain('每件扣分须大于 0')
    expect(errorsOf({ ...base, cap: -1 })).toContain('上限须大于 0')
  })

  it('checks evaluator groups: at least one, named once, weights not negative nor all 0', () => {
    const base = findIndicator(demoTree(), 'review')
    expect(errorsOf({ ...base, evaluator_groups: [] })).toContain('至少需要一个评价主体')
    expect(errorsOf({ ...base, evaluator_groups: [{ name: 'A', weight: 1 }, { name: 'A', weight: 1 }] })).toContain('评价主体“A”重复')
    expect(errorsOf({ ...base, evaluator_groups: [{ name: '', weight: 1 }] })).toContain('请填写评价主体名称')
    expect(errorsOf({ ...base, evaluator_groups: [{ name: 'A', weight: -1 }, { name: 'B', weight: 1 }] })).toContain('评价主体“A”的权重不能为负')
    expect(errorsOf({ ...base, evaluator_groups: [{ name: 'A', weight: 0 }] })).toContain('评价主体的权重不能全为 0')
  })

  it('wants max points 0 and a cap on event sums', () => {
    const base = findIndicator(demoTree(), 'bonus')
    expect(errorsOf({ ...base, max_points: 5 })).toContain('加减分指标的满分须为 0（不计入基础分）')
    expect(errorsOf({ ...base, cap: null })).toContain('加减分指标须设置上限')
  })

  it('checks a sum’s children in the tree but not in the dialog', () => {
    const empty = sum('s', 10, [])
    expect(errorsOf(empty)).toContain('“分项合计”指标至少需要一个子指标')
    expect(errorsOf(empty, [], { tree: false })).toEqual([])
    const short = sum('s', 30, [linear('a', 20)])
    expect(errorsOf(short)).toContain('子指标满分合计 20 分，与本指标满分 30 分不一致')
    expect(errorsOf(short, [], { tree: false })).toEqual([])
  })
})

describe('scheme checks and body', () => {
  it('accepts a valid scheme', () => {
    expect(schemeErrors(validScheme())).toEqual([])
  })

  it('names the indicator or field of each problem', () => {
    const scheme = validScheme({
      name: '',
      key: 'bad key',
      tier_bounds: [60, 90, 80],
      star_bounds: [1, 2, 3],
      child_weight: 1.5,
      bars: [{ key: 'major', name: '', metric: null, threshold: -1, cap: 'worst' }],
      indicators: addIndicator(demoTree(), 'quality', linear('closure', 5)),
    })
    const keys = schemeErrors(scheme).map((e) => e.key)
    expect(keys).toEqual(expect.arrayContaining(['name', 'key', 'tier_bounds', 'star_bounds', 'child_weight', 'major', 'quality', 'closure']))
    const messages = schemeErrors(scheme).map((e) => e.message)
    expect(messages).toContain('等次分数线须逐级递增')
    expect(messages).toContain('争星分数线须填写 5 个分数线')
    expect(messages).toContain('下级权重须在 0 到 1 之间')
    expect(messages).toContain('标识“closure”已被使用')
    expect(messages).toContain('子指标满分合计 35 分，与本指标满分 30 分不一致')
    expect(messages).toContain('硬杠阈值不能为负')
  })

  it('wants at least one indicator', () => {
    expect(schemeErrors(validScheme({ indicators: [] })).map((e) => e.key)).toEqual(['indicators'])
  })

  it('builds the PUT body without what the server fills in', () => {
    const body = schemeBody({ ...validScheme(), version: 3, versions: [1, 2, 3], created_at: 'x', created_by: 'admin', indicator_count: 5 })
    expect(Object.keys(body).sort()).toEqual(['bars', 'child_weight', 'indicators', 'key', 'name', 'peer_kind', 'star_bounds', 'subject_type', 'tier_bounds'])
    expect(body.peer_kind).toBe('')
    expect(schemeBody({ ...validScheme(), peer_kind: 'branch' }).peer_kind).toBe('branch')
    expect(body.bars[0]).toEqual({ key: 'major', name: '重大隐患逾期', metric: 'major_hazard_overdue_count', threshold: 0, cap: 'poor' })
    expect(schemeBody({ ...validScheme(), bars: [{ key: 'v', name: '发生重大安全事故', metric: '', threshold: '0', cap: 'poor' }] }).bars[0].metric).toBeNull()
    expect(body.indicators[0].children.map((i) => i.key)).toEqual(['closure', 'on_time'])
  })
})

describe('results', () => {
  const r = (rank, name, tier, extra = {}) => ({ id: rank, rank, subject_id: rank, subject_name: name, score: 100 - rank * 5, tier, tier_by_score: tier, capped_by: [], ...extra })

  it('notes a hard bar that lowered the tier, and one that did not', () => {
    const capped = r(1, '县交通运输局', 'poor', { tier_by_score: 'good', capped_by: ['重大隐患逾期'] })
    expect(isTierCapped(capped)).toBe(true)
    expect(cappedNote(capped)).toBe('按分数为 好，因「重大隐患逾期」定为 差')
    const hitAnyway = r(2, '城关镇', 'poor', { capped_by: ['不满意率超标'] })
    expect(isTierCapped(hitAnyway)).toBe(false)
    expect(cappedNote(hitAnyway)).toBe('触发硬杠「不满意率超标」')
    expect(cappedNote(r(3, 'x', 'good'))).toBe('')
    // known tiers speak the UI's language; the server's labels name tiers the UI does not know
    expect(cappedNote({ ...capped, tier_by_score_label: '好', tier_label: '差', tier: 'vetoed' })).toBe('按分数为 好，因「重大隐患逾期」定为 差')
    setLocale('en')
    expect(cappedNote({ ...capped, tier_by_score_label: '好', tier_label: '差' })).toBe('By score Good; Poor because of 「重大隐患逾期」')
  })

  it('puts the top 3 without hard bars on 红榜, the bottom 3 and every bar hit on 黑榜', () => {
    const results = [
      r(1, 'A', 'good'),
      r(2, 'B', 'poor', { tier_by_score: 'good', capped_by: ['重大隐患逾期'] }),
      r(3, 'C', 'good'),
      r(4, 'D', 'fairly_good'),
      r(5, 'E', 'fairly_good'),
      r(6, 'F', 'average'),
      r(7, 'G', 'average'),
      r(8, 'H', 'poor'),
    ]
    const { red, black } = redBlackBoard([...results].reverse())
    expect(red.map((x) => x.subject_name)).toEqual(['A', 'C', 'D'])
    expect(black.map((x) => x.subject_name)).toEqual(['B', 'F', 'G', 'H'])
  })

  it('never lists anyone on both boards, even in a small group', () => {
    const { red, black } = redBlackBoard([r(1, 'A', 'good'), r(2, 'B', 'good'), r(3, 'C', 'average'), r(4, 'D', 'poor')])
    expect(red.map((x) => x.subject_name)).toEqual(['A', 'B', 'C'])
    expect(black.map((x) => x.subject_name)).toEqual(['D'])
    expect(redBlackBoard([])).toEqual({ red: [], black: [] })
  })

  it('draws each score in its tier’s colour', () => {
    const option = scoreBarOption([r(1, 'A', 'good'), r(2, 'B', 'poor')])
    expect(option.xAxis.data).toEqual(['A', 'B'])
    expect(option.series[0].data).toEqual([
      { value: 95, itemStyle: { color: '#67C23A' } },
      { value: 90, itemStyle: { color: '#F56C6C' } },
    ])
    expect(option.tooltip.formatter([{ dataIndex: 1 }])).toBe('B<br/>90（差）')
  })
})

describe('events, score entry and 积分', () => {
  const manual = (id, by, group, score, at) => ({
    id, kind: 'manual', scheme_key: 's', period: '2026-10', subject_type: 'unit', subject_id: 3,
    indicator_key: 'review', evaluator_group: group, score, created_by: by, created_at: at,
  })

  it('counts only the latest entry of an evaluator per group', () => {
    const ids = countingEntryIds([
      manual(4, 'wu', '督查打分', 90, '2026-11-02T08:00:00Z'),
      manual(3, 'wu', '督查打分', 70, '2026-11-01T08:00:00Z'),
      manual(2, 'li', '督查打分', 80, '2026-11-01T09:00:00Z'),
      manual(1, 'wu', '服务对象测评', 60, '2026-11-01T08:00:00Z'),
      { id: 9, kind: 'points', created_at: '2026-11-03T00:00:00Z' },
    ])
    expect([...ids].sort()).toEqual([1, 2, 4])
  })

  const pointsEvent = (id, subject, name, indicator, points, status = 'approved') => ({
    id, kind: 'points', subject_type: 'person', subject_id: subject, subject_name: name, indicator_key: indicator, points, status,
  })
  const categories = [
    { key: 'faith', name: '理想信念', cap: 10 },
    { key: 'study', name: '学习态度', cap: 5 },
  ]

  it('totals approved points per person and category, each category up to its cap', () => {
    const rows = pointsLedger(
      [
        pointsEvent(1, 7, '黄志明', 'faith', 3),
        pointsEvent(2, 7, '黄志明', 'study', 4),
        pointsEvent(3, 7, '黄志明', 'study', 4),
        pointsEvent(4, 8, '罗春燕', 'faith', 2),
        pointsEvent(5, 8, '罗春燕', 'faith', -0.5),
        pointsEvent(6, 8, '罗春燕', 'study', 9, 'pending'),
        pointsEvent(7, 9, '陈静', 'study', 1, 'rejected'),
        pointsEvent(8, 9, '陈静', 'other', 1),
      ],
      categories,
    )
    expect(rows.map((x) => [x.subject_name, x.total])).toEqual([
      ['黄志明', 8],
      ['罗春燕', 1.5],
    ])
    expect(rows[0].raw).toEqual({ faith: 3, study: 8 })
    expect(rows[0].counted).toEqual({ faith: 3, study: 5 })
    expect(rows[1].counted).toEqual({ faith: 1.5, study: 0 })
  })

  it('caps deductions too and orders equal totals by name', () => {
    const rows = pointsLedger(
      [pointsEvent(1, 1, '乙', 'study', -8), pointsEvent(2, 2, '甲', 'study', -5)],
      categories,
    )
    expect(rows.map((x) => [x.subject_name, x.total])).toEqual([
      ['甲', -5],
      ['乙', -5],
    ])
  })

  it('reads the categories of a person scheme from its event_sum indicators', () => {
    const scheme = {
      indicators: [
        normalizeIndicator({ key: 'faith', name: '理想信念', formula: 'event_sum', cap: 10 }),
        sum('g', 10, [linear('x', 10), normalizeIndicator({ key: 'study', name: '学习态度', formula: 'event_sum', cap: 5 })]),
      ],
    }
    expect(pointsCategories(scheme)).toEqual([
      { key: 'faith', name: '理想信念', cap: 10 },
      { key: 'study', name: '学习态度', cap: 5 },
    ])
    expect(pointsCategories(null)).toEqual([])
  })

  it.each([
    [{}, '请选择类别'],
    [{ indicator: 'faith' }, '请填写分值（不能为 0）'],
    [{ indicator: 'faith', points: 0 }, '请填写分值（不能为 0）'],
    [{ indicator: 'faith', points: 2 }, '请选择发生日期'],
    [{ indicator: 'faith', points: 2, occurred_on: '2026-11-24' }, '发生日期不能晚于今天'],
    [{ indicator: 'faith', points: 2, occurred_on: '2026-11-20', reason: ' ' }, '请填写事由'],
    [{ indicator: 'faith', points: -0.5, occurred_on: '2026-11-23', reason: '迟到' }, ''],
  ])('points form %j → %j', (form, message) => {
    expect(pointsFormError(form, '2026-11-23')).toBe(message)
  })

  it.each([
    [undefined, '请填写分数'],
    [-1, '分数须在 0 到 100 之间'],
    [100.5, '分数须在 0 到 100 之间'],
    [0, ''],
    [100, ''],
  ])('manual score %j → %j', (score, message) => {
    expect(manualScoreError(score)).toBe(message)
  })

  it('builds the event bodies of the contract', () => {
    expect(
      pointsEventBody({
        scheme: 'points-2026', subjectType: 'person', subjectId: 7,
        form: { indicator: 'faith', points: 1.005, occurred_on: '2026-11-20', reason: ' 志愿服务 ', evidence: '' },
      }),
    ).toEqual({
      scheme: 'points-2026', kind: 'points', subject_type: 'person', subject_id: 7, indicator: 'faith',
      points: 1.01, occurred_on: '2026-11-20', reason: '志愿服务', evidence: '',
    })
    expect(
      manualEventBody({ scheme: 's', subjectType: 'unit', subjectId: 3, period: '2026-10', indicator: 'review', group: '督查打分', score: '85', reason: undefined }),
    ).toEqual({
      scheme: 's', kind: 'manual', subject_type: 'unit', subject_id: 3, indicator: 'review', period: '2026-10',
      evaluator_group: '督查打分', score: 85, reason: '',
    })
  })

  it('groups an evaluator’s subjects by scheme', () => {
    expect(
      subjectsByScheme([
        { scheme_key: 'a', scheme_name: 'A', unit_id: 1, unit_name: '甲' },
        { scheme_key: 'b', scheme_name: 'B', unit_id: 1, unit_name: '甲' },
        { scheme_key: 'a', scheme_name: 'A', unit_id: 2, unit_name: '乙' },
        { scheme_key: 'a', scheme_name: 'A', unit_id: 2, unit_name: '乙' },
      ]),
    ).toEqual([
      { key: 'a', name: 'A', units: [{ id: 1, name: '甲' }, { id: 2, name: '乙' }] },
      { key: 'b', name: 'B', units: [{ id: 1, name: '甲' }] },
    ])
  })
})

describe('assessment API module', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    configureRequest({ onError: vi.fn(), onUnauthorized: vi.fn() })
  })
  afterEach(() => vi.unstubAllGlobals())

  const call = (fetch, n = 0) => {
    const [url, init] = fetch.mock.calls[n]
    return { url, method: init.method, body: init.body ? JSON.parse(init.body) : undefined }
  }

  it('names every path of the contract', async () => {
    const fetch = mockFetch(...Array.from({ length: 13 }, () => jsonResponse(200, {})))
    await api.getMetrics()
    await api.listSchemes()
    await api.getScheme('zuofeng 2026', 2)
    await api.saveScheme('zuofeng-2026', { name: 'x' })
    await api.listEvaluators('zuofeng-2026')
    await api.addEvaluator('zuofeng-2026', { account_id: 5, unit_id: 3, extra: 1 })
    await api.removeEvaluator(9)
    await api.mySubjects()
    await api.createEvent({ kind: 'points' })
    await api.approveEvent(4)
    await api.rejectEvent(4, '证据不足')
    await api.computeResults({ scheme: 's', period: '2026-10', unit: 1 })
    await api.getResult(12)
    expect(fetch.mock.calls.map((_, i) => `${call(fetch, i).method} ${call(fetch, i).url}`)).toEqual([
      'GET /api/v1/assessment/metrics',
      'GET /api/v1/assessment/schemes',
      'GET /api/v1/assessment/schemes/zuofeng%202026?version=2',
      'PUT /api/v1/assessment/schemes/zuofeng-2026',
      'GET /api/v1/assessment/schemes/zuofeng-2026/evaluators',
      'POST /api/v1/assessment/schemes/zuofeng-2026/evaluators',
      'DELETE /api/v1/assessment/evaluators/9',
      'GET /api/v1/assessment/my-subjects',
      'POST /api/v1/assessment/events',
      'POST /api/v1/assessment/events/4/approve',
      'POST /api/v1/assessment/events/4/reject',
      'POST /api/v1/assessment/results/compute',
      'GET /api/v1/assessment/results/12',
    ])
    expect(call(fetch, 5).body).toEqual({ account_id: 5, unit_id: 3 })
    expect(call(fetch, 10).body).toEqual({ reason: '证据不足' })
    expect(call(fetch, 11).body).toEqual({ scheme: 's', period: '2026-10', unit: 1 })
  })

  it('reads every page of an event list', async () => {
    const page = (n, total) => jsonResponse(200, { items: Array.from({ length: n }, (_, i) => ({ id: i })), total })
    const fetch = mockFetch(page(200, 250), page(50, 250))
    const items = await api.listAllEvents({ scheme: 's', status: 'pending' })
    expect(items).toHaveLength(250)
    expect(call(fetch, 1).url).toBe('/api/v1/assessment/events?scheme=s&status=pending&page=2&page_size=200')
  })

  it('asks for results with the query it is given', async () => {
    const fetch = mockFetch(jsonResponse(200, { items: [] }))
    await api.listResults({ scheme: 's', period: '2026-Q4', unit: 1 })
    expect(call(fetch).url).toBe('/api/v1/assessment/results?scheme=s&period=2026-Q4&unit=1')
  })
})

describe('decided bars', () => {
  it('offers only the hard bars without a metric for a veto', () => {
    const scheme = {
      bars: [
        { key: 'major', name: '重大隐患逾期', metric: 'major_hazard_overdue_count', threshold: 0, cap: 'poor' },
        { key: 'accident', name: '发生较大安全事故', cap: 'average' },
      ],
    }
    expect(decidedBars(scheme).map((b) => b.key)).toEqual(['accident'])
    expect(decidedBars(null)).toEqual([])
    expect(decidedBars({})).toEqual([])
  })
})
