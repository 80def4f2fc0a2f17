// Vocabulary and pure logic of 考核评比, 争星 and 积分 (docs/API-ASSESSMENT.md; the rules
// themselves live in src/core/assessment.h): tier labels and colours, the scheme editor's
// indicator tree (flatten, find, add, edit, remove, move, the 分值分解 sum check), the checks
// that mirror the server's ValidateScheme so the editor says what is wrong before saving,
// result texts (stars, 硬杠 notes), 红黑榜, the score chart, and the 积分 ledger per category.
// Functions never change their arguments: tree edits return a new tree.
import { t } from '@/locales'

// Tiers best first; the API names them good/fairly_good/average/poor (好/较好/一般/差).
export const TIERS = ['good', 'fairly_good', 'average', 'poor']
const TIER_TAG_TYPES = { good: 'success', fairly_good: 'primary', average: 'warning', poor: 'danger' }
export const TIER_COLORS = { good: '#67C23A', fairly_good: '#409EFF', average: '#E6A23C', poor: '#F56C6C' }

export function tierLabel(tier, fallback = '') {
  return TIERS.includes(tier) ? t(`assessment.tiers.${tier}`) : fallback || String(tier ?? '')
}
export const tierTagType = (tier) => TIER_TAG_TYPES[tier] || 'info'
export const tierColor = (tier) => TIER_COLORS[tier] || '#909399'

export const FORMULAS = ['sum', 'linear', 'per_event_deduction', 'manual_weighted', 'event_sum']
export const SUBJECT_TYPES = ['unit', 'person']
export const NO_DATA_POLICIES = ['full_points', 'zero_points']
export const EVALUATOR_GROUP_PRESETS = ['督查打分', '第三方评估', '服务对象测评', '集中评议']
// 党员积分's categories: a person scheme's event_sum indicators usually carry these names.
export const POINTS_CATEGORIES = ['理想信念', '学习态度', '参与热情', '业务能力', '担当履责']

// The metrics of the API, and whether each is a rate (percent) or a count. GET
// /assessment/metrics gives the same list with the server's labels.
export const METRICS = [
  ['closure_rate', true],
  ['on_time_rate', true],
  ['sign_for_rate', true],
  ['return_rate', true],
  ['report_timeliness', true],
  ['satisfaction_rate', true],
  ['unsatisfied_rate', true],
  ['overdue_count', false],
  ['recurrence_count', false],
  ['notice_count', false],
  ['major_hazard_overdue_count', false],
].map(([name, rate]) => ({ name, rate }))

export const formulaLabel = (formula) => (FORMULAS.includes(formula) ? t(`assessment.formulas.${formula}`) : String(formula ?? ''))
export const subjectTypeLabel = (type) => (SUBJECT_TYPES.includes(type) ? t(`assessment.subjectTypes.${type}`) : String(type ?? ''))

// The metric choices: the server's list when it answered (its labels), else the built-in one
// with the labels of the message files. [{value, label, rate}].
export function metricOptions(serverMetrics) {
  const known = new Map(METRICS.map((m) => [m.name, m]))
  const list = Array.isArray(serverMetrics) && serverMetrics.length ? serverMetrics : METRICS
  return list.map((m) => ({
    value: m.name,
    label: known.has(m.name) ? t(`assessment.metrics.${m.name}`) : m.label || m.name,
    rate: typeof m.rate === 'boolean' ? m.rate : Boolean(known.get(m.name)?.rate),
  }))
}
export function metricLabel(name, options = metricOptions()) {
  return options.find((m) => m.value === name)?.label || String(name ?? '')
}
export const isRateMetric = (name) => Boolean(METRICS.find((m) => m.name === name)?.rate)

// Points as the server prints them (FormatPoints): at most 2 decimals, no trailing zeros.
export function roundPoints(value) {
  const x = Number(value)
  if (!Number.isFinite(x)) return 0
  const r = Math.sign(x) * Math.round(Math.abs(x) * 100 + 1e-7) / 100
  return Object.is(r, -0) ? 0 : r
}
export function pointsText(value) {
  if (value === null || value === undefined || value === '' || !Number.isFinite(Number(value))) return '—'
  return String(roundPoints(value))
}
// +0.5 / −1 for point events.
export function signedPointsText(value) {
  const r = roundPoints(value)
  return r > 0 ? `+${r}` : String(r)
}

// ---- Indicators -----------------------------------------------------------------------------

// A new indicator of `formula` with the fields it needs at their usual values.
export function newIndicator(formula = 'linear', key = '') {
  return normalizeIndicator({ key, name: '', formula, max_points: formula === 'event_sum' ? 0 : 10 })
}

// The indicator as the API wants it: every field present, those the formula does not read at
// neutral values (metric null, no groups, …), children only on a sum.
export function normalizeIndicator(ind) {
  const formula = FORMULAS.includes(ind?.formula) ? ind.formula : 'linear'
  const num = (v, d = 0) => (v === null || v === undefined || v === '' || !Number.isFinite(Number(v)) ? d : Number(v))
  const out = {
    key: String(ind?.key ?? '').trim(),
    name: String(ind?.name ?? '').trim(),
    formula,
    max_points: formula === 'event_sum' ? 0 : num(ind?.max_points),
    metric: null,
    zero_at: 0,
    full_at: 0,
    per_event_points: 0,
    cap: null,
    evaluator_groups: [],
    no_data: NO_DATA_POLICIES.includes(ind?.no_data) ? ind.no_data : 'full_points',
    children: [],
  }
  switch (formula) {
    case 'sum':
      out.children = (ind?.children || []).map(normalizeIndicator)
      break
    case 'linear':
      out.metric = ind?.metric || null
      out.zero_at = num(ind?.zero_at)
      out.full_at = num(ind?.full_at, ind?.full_at === undefined ? 100 : 0)
      break
    case 'per_event_deduction':
      out.metric = ind?.metric || null
      out.per_event_points = num(ind?.per_event_points, ind?.per_event_points === undefined ? 0.5 : 0)
      out.cap = ind?.cap === null || ind?.cap === undefined || ind?.cap === '' ? null : num(ind.cap)
      break
    case 'manual_weighted':
      out.evaluator_groups = (ind?.evaluator_groups || []).map((g) => ({
        name: String(g?.name ?? '').trim(),
        weight: num(g?.weight),
      }))
      break
    case 'event_sum':
      out.cap = ind?.cap === null || ind?.cap === undefined || ind?.cap === '' ? null : num(ind.cap)
      break
  }
  return out
}

// The tree in pre-order: [{indicator, depth, parentKey}].
export function flattenIndicators(indicators, depth = 0, parentKey = null, out = []) {
  for (const indicator of indicators || []) {
    out.push({ indicator, depth, parentKey })
    flattenIndicators(indicator.children, depth + 1, indicator.key, out)
  }
  return out
}

export const indicatorKeys = (indicators) => flattenIndicators(indicators).map((r) => r.indicator.key)
export const findIndicator = (indicators, key) =>
  flattenIndicators(indicators).find((r) => r.indicator.key === key)?.indicator || null
export const indicatorsOfFormula = (indicators, formula) =>
  flattenIndicators(indicators)
    .map((r) => r.indicator)
    .filter((i) => i.formula === formula)

// A key not yet used in the tree: "ind1", "ind2", … (or `${prefix}N`).
export function nextIndicatorKey(indicators, prefix = 'ind') {
  const used = new Set(indicatorKeys(indicators))
  for (let n = used.size + 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`
}

// Rebuilds the tree, letting `visit(list)` replace any sibling list (top-down).
function mapLists(indicators, visit) {
  const walk = (list) =>
    visit(list).map((ind) => (ind.children?.length ? { ...ind, children: walk(ind.children) } : ind))
  return walk(indicators || [])
}

// Adds `indicator` as the last child of `parentKey` (a sum), or as the last root when null.
export function addIndicator(indicators, parentKey, indicator) {
  if (parentKey === null || parentKey === undefined) return [...(indicators || []), indicator]
  let found = false
  const walk = (list) =>
    list.map((ind) => {
      if (ind.key === parentKey) {
        found = true
        return { ...ind, children: [...(ind.children || []), indicator] }
      }
      return ind.children?.length ? { ...ind, children: walk(ind.children) } : ind
    })
  const out = walk(indicators || [])
  return found ? out : indicators
}

// Replaces the indicator `key` by `changes` (its key may change); a sum keeps its children.
export function updateIndicator(indicators, key, changes) {
  return mapLists(indicators, (list) =>
    list.map((ind) =>
      ind.key === key
        ? { ...changes, children: changes.formula === 'sum' ? ind.children || [] : [] }
        : ind,
    ),
  )
}

export function removeIndicator(indicators, key) {
  return mapLists(indicators, (list) => list.filter((ind) => ind.key !== key))
}

// Moves `key` by `delta` places among its siblings (clamped); the tree is unchanged otherwise.
export function moveIndicator(indicators, key, delta) {
  return mapLists(indicators, (list) => {
    const at = list.findIndex((ind) => ind.key === key)
    if (at < 0) return list
    const to = Math.max(0, Math.min(list.length - 1, at + delta))
    if (to === at) return list
    const copy = [...list]
    const [moved] = copy.splice(at, 1)
    copy.splice(to, 0, moved)
    return copy
  })
}

// Whether `key` can move up (−1) / down (+1) among its siblings.
export function canMove(indicators, key, delta) {
  let result = false
  mapLists(indicators, (list) => {
    const at = list.findIndex((ind) => ind.key === key)
    if (at >= 0) result = at + delta >= 0 && at + delta < list.length
    return list
  })
  return result
}

export const totalMaxPoints = (indicators) =>
  roundPoints((indicators || []).reduce((sum, ind) => sum + (Number(ind.max_points) || 0), 0))

// 分值分解 of a sum: its children's max points against its own. ok within 0.005 (the server's
// tolerance); diff = own − children (positive: children are short of it).
export function sumCheck(indicator, children = indicator?.children) {
  const sum = totalMaxPoints(children)
  const max = roundPoints(indicator?.max_points)
  const diff = roundPoints(max - sum)
  return { sum, max, diff, ok: Math.abs(max - sum) < 0.005 }
}

// One line saying how the indicator scores ("销号率 60 → 100", "逾期件数 每件扣 0.5 分，最多扣 3 分").
export function indicatorSummary(ind, metrics = metricOptions()) {
  const metric = metricLabel(ind.metric, metrics)
  switch (ind.formula) {
    case 'sum':
      return t('assessment.summary.sum', { n: ind.children?.length || 0, points: pointsText(sumCheck(ind).sum) })
    case 'linear':
      return t('assessment.summary.linear', { metric, zero: pointsText(ind.zero_at), full: pointsText(ind.full_at) })
    case 'per_event_deduction':
      return t('assessment.summary.perEvent', {
        metric,
        points: pointsText(ind.per_event_points),
        cap: pointsText(ind.cap ?? ind.max_points),
      })
    case 'manual_weighted': {
      const total = (ind.evaluator_groups || []).reduce((s, g) => s + (Number(g.weight) || 0), 0)
      return (ind.evaluator_groups || [])
        .map((g) => `${g.name} ${total > 0 ? Math.round((g.weight / total) * 1000) / 10 : 0}%`)
        .join('、')
    }
    case 'event_sum':
      return t('assessment.summary.eventSum', { cap: pointsText(ind.cap) })
    default:
      return ''
  }
}

// ---- Checks (mirroring ValidateScheme in src/core/assessment.cc) -----------------------------

export const SCHEME_KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/
const finite = (v) => v !== null && v !== undefined && v !== '' && Number.isFinite(Number(v))

// What is wrong with one indicator (its children are checked on their own), as translated
// messages. `otherKeys`: the keys of every other indicator in the scheme. `tree: false` leaves
// out what only the whole tree can settle — a sum's children and their 分值分解 — for the
// indicator dialog, where a new sum gets its children afterwards.
export function indicatorErrors(ind, otherKeys = [], { tree = true } = {}) {
  const errors = []
  const say = (key, params) => errors.push(t(`assessment.errors.${key}`, params))
  if (!String(ind.key ?? '').trim()) say('keyRequired')
  else if (otherKeys.includes(String(ind.key).trim())) say('keyDuplicate', { key: ind.key })
  if (!String(ind.name ?? '').trim()) say('nameRequired')
  if (!FORMULAS.includes(ind.formula)) {
    say('formulaRequired')
    return errors
  }
  if (ind.formula === 'event_sum') {
    if (finite(ind.max_points) && Number(ind.max_points) !== 0) say('eventSumMax')
  } else if (!finite(ind.max_points) || !(Number(ind.max_points) > 0)) {
    say('maxPositive')
  }
  if (ind.formula !== 'sum' && ind.children?.length) say('onlySumHasChildren')
  if (finite(ind.cap) && !(Number(ind.cap) > 0)) say('capPositive')
  switch (ind.formula) {
    case 'sum':
      if (!tree) break
      if (!ind.children?.length) say('sumNeedsChildren')
      else {
        const check = sumCheck(ind)
        if (!check.ok) say('sumMismatch', { sum: pointsText(check.sum), max: pointsText(check.max) })
      }
      break
    case 'linear':
      if (!ind.metric) say('metricRequired')
      if (!finite(ind.zero_at) || !finite(ind.full_at) || Number(ind.zero_at) === Number(ind.full_at)) {
        say('zeroFullDiffer')
      }
      break
    case 'per_event_deduction':
      if (!ind.metric) say('metricRequired')
      else if (isRateMetric(ind.metric)) say('countMetric')
      if (!finite(ind.per_event_points) || !(Number(ind.per_event_points) > 0)) say('perEventPositive')
      break
    case 'manual_weighted': {
      const groups = ind.evaluator_groups || []
      if (!groups.length) say('groupsRequired')
      const names = new Set()
      let total = 0
      for (const g of groups) {
        const name = String(g.name ?? '').trim()
        if (!name) say('groupNameRequired')
        else if (names.has(name)) say('groupDuplicate', { name })
        names.add(name)
        if (!finite(g.weight) || Number(g.weight) < 0) say('groupWeightNegative', { name })
        else total += Number(g.weight)
      }
      if (groups.length && !(total > 0)) say('groupWeightsZero')
      break
    }
    case 'event_sum':
      if (!finite(ind.cap)) say('eventSumCap')
      break
  }
  return errors
}

function boundsErrors(bounds, size, label) {
  if (!Array.isArray(bounds) || bounds.length !== size || !bounds.every(finite)) {
    return [t('assessment.errors.boundsCount', { field: label, n: size })]
  }
  for (let i = 1; i < bounds.length; i++) {
    if (!(Number(bounds[i]) > Number(bounds[i - 1]))) return [t('assessment.errors.boundsIncreasing', { field: label })]
  }
  return []
}

// Everything wrong with a scheme: [{key, message}] where key names the indicator or bar (or
// the field: name, key, tier_bounds, star_bounds, child_weight). Empty when it may be saved.
export function schemeErrors(scheme) {
  const out = []
  const add = (key, message) => out.push({ key, message })
  if (!String(scheme?.name ?? '').trim()) add('name', t('assessment.errors.schemeNameRequired'))
  if (!SCHEME_KEY_PATTERN.test(String(scheme?.key ?? ''))) add('key', t('assessment.errors.schemeKeyInvalid'))
  if (!SUBJECT_TYPES.includes(scheme?.subject_type)) add('subject_type', t('assessment.errors.subjectTypeRequired'))
  const rows = flattenIndicators(scheme?.indicators)
  if (!rows.length) add('indicators', t('assessment.errors.indicatorsRequired'))
  const keys = rows.map((r) => String(r.indicator.key ?? '').trim())
  rows.forEach((r, i) => {
    const others = keys.filter((_, j) => j !== i)
    for (const message of indicatorErrors(r.indicator, others)) add(r.indicator.key || `#${i + 1}`, message)
  })
  for (const m of boundsErrors(scheme?.tier_bounds, 3, t('assessment.tierBounds'))) add('tier_bounds', m)
  if (scheme?.star_bounds?.length) {
    for (const m of boundsErrors(scheme.star_bounds, 5, t('assessment.starBounds'))) add('star_bounds', m)
  }
  const w = scheme?.child_weight
  if (!finite(w) || Number(w) < 0 || Number(w) > 1) add('child_weight', t('assessment.errors.childWeight'))
  const barKeys = new Set()
  for (const [i, bar] of (scheme?.bars || []).entries()) {
    const key = String(bar.key ?? '').trim() || `#${i + 1}`
    if (!String(bar.key ?? '').trim()) add(key, t('assessment.errors.barKeyRequired'))
    else if (barKeys.has(key)) add(key, t('assessment.errors.keyDuplicate', { key }))
    barKeys.add(key)
    if (!String(bar.name ?? '').trim()) add(key, t('assessment.errors.barNameRequired'))
    if (!finite(bar.threshold) || Number(bar.threshold) < 0) add(key, t('assessment.errors.barThreshold'))
    if (!TIERS.includes(bar.cap)) add(key, t('assessment.errors.barCap'))
  }
  return out
}

// The body of PUT /assessment/schemes/{key}: the scheme without what the server fills in.
export function schemeBody(scheme) {
  return {
    key: String(scheme.key).trim(),
    name: String(scheme.name).trim(),
    subject_type: scheme.subject_type,
    indicators: (scheme.indicators || []).map(normalizeIndicator),
    tier_bounds: (scheme.tier_bounds || []).map(Number),
    bars: (scheme.bars || []).map((b) => ({
      key: String(b.key).trim(),
      name: String(b.name).trim(),
      metric: b.metric || null,
      threshold: Number(b.threshold),
      cap: b.cap,
    })),
    star_bounds: (scheme.star_bounds || []).map(Number),
    child_weight: Number(scheme.child_weight),
    // The peer group (e.g. "branch" for 支部争星): dropping it would rank other subjects.
    peer_kind: scheme.peer_kind || '',
  }
}

// A blank scheme for the editor's 新建.
export function emptyScheme(subjectType = 'unit') {
  return {
    key: '',
    name: '',
    subject_type: subjectType,
    indicators: [],
    tier_bounds: [60, 80, 90],
    bars: [],
    star_bounds: [],
    child_weight: 0,
  }
}

export const DEFAULT_STAR_BOUNDS = [60, 70, 80, 90, 95]

// ---- Results ---------------------------------------------------------------------------------

export function starsText(stars, max = 5) {
  const n = Math.max(0, Math.min(max, Math.trunc(Number(stars) || 0)))
  return '★'.repeat(n) + '☆'.repeat(max - n)
}

// A result's tier after 硬杠 differs from its score's tier.
export const isTierCapped = (r) => Boolean(r?.capped_by?.length) && Boolean(r.tier_by_score) && r.tier_by_score !== r.tier

// "按分数为 好，因「重大隐患逾期」定为 差" when a bar lowered the tier; "触发硬杠「…」" when a bar
// was hit without lowering it; '' when none was hit.
export function cappedNote(r) {
  if (!r?.capped_by?.length) return ''
  const bars = r.capped_by.map((b) => `「${b}」`).join('')
  if (!isTierCapped(r)) return t('assessment.barHit', { bars })
  return t('assessment.cappedNote', {
    byScore: tierLabel(r.tier_by_score, r.tier_by_score_label),
    bars,
    tier: tierLabel(r.tier, r.tier_label),
  })
}

// 红黑榜 of a ranked peer group (results in rank order): 红榜 = the first `n` with no hard bar
// hit; 黑榜 = every result that hit a hard bar plus the last `n` not on 红榜, in rank order.
export function redBlackBoard(results, n = 3) {
  const list = [...(results || [])].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
  const red = list.filter((r) => !r.capped_by?.length).slice(0, n)
  const redIds = new Set(red.map((r) => r.id ?? r.subject_id))
  const rest = list.filter((r) => !redIds.has(r.id ?? r.subject_id))
  const bottom = new Set(rest.slice(Math.max(0, rest.length - n)))
  const black = rest.filter((r) => r.capped_by?.length || bottom.has(r))
  return { red, black }
}

// ECharts bars of the peer group's scores in rank order, each bar in its tier's colour.
export function scoreBarOption(results) {
  const list = results || []
  const names = list.map((r) => r.subject_name)
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const p = Array.isArray(params) ? params[0] : params
        const r = list[p?.dataIndex]
        return r ? `${r.subject_name}<br/>${pointsText(r.score)}（${tierLabel(r.tier, r.tier_label)}）` : ''
      },
    },
    grid: { left: 8, right: 16, bottom: 8, top: 24, containLabel: true },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 5 ? 30 : 0 } },
    yAxis: { type: 'value' },
    series: [
      {
        type: 'bar',
        barMaxWidth: 40,
        label: { show: true, position: 'top', formatter: (p) => pointsText(p.value) },
        data: list.map((r) => ({ value: roundPoints(r.score), itemStyle: { color: tierColor(r.tier) } })),
      },
    ],
  }
}

// ---- Events, score entry and 积分 -------------------------------------------------------------

export const EVENT_STATUSES = ['approved', 'pending', 'rejected']
const EVENT_STATUS_TAG_TYPES = { approved: 'success', pending: 'warning', rejected: 'info' }
export const eventStatusLabel = (s) => (EVENT_STATUSES.includes(s) ? t(`assessment.eventStatus.${s}`) : String(s ?? ''))
export const eventStatusTagType = (s) => EVENT_STATUS_TAG_TYPES[s] || 'info'

// The manual entries that count: the latest of each evaluator for the same scheme, period,
// subject, indicator and group (events come newest first, but created_at/id decide).
export function countingEntryIds(events) {
  const latest = new Map()
  for (const e of events || []) {
    if (e.kind !== 'manual') continue
    const k = [e.scheme_key, e.period, e.subject_type, e.subject_id, e.indicator_key, e.evaluator_group, e.created_by].join('\u0001')
    const have = latest.get(k)
    const newer = !have || String(e.created_at) > String(have.created_at) ||
      (String(e.created_at) === String(have.created_at) && Number(e.id) > Number(have.id))
    if (newer) latest.set(k, e)
  }
  return new Set([...latest.values()].map((e) => e.id))
}

// The 积分 categories of a person scheme: its event_sum indicators [{key, name, cap}].
export const pointsCategories = (scheme) =>
  indicatorsOfFormula(scheme?.indicators, 'event_sum').map((i) => ({ key: i.key, name: i.name, cap: i.cap }))

const clamp = (x, cap) => (cap === null || cap === undefined ? x : Math.max(-cap, Math.min(cap, x)))

// The 积分 ledger: one row per person with approved point events, points per category as
// counted (Σ clamped to ±cap, as the engine does) and as filed (raw), and the total of the
// counted ones; highest total first, then by name.
export function pointsLedger(events, categories) {
  const caps = new Map((categories || []).map((c) => [c.key, c.cap]))
  const rows = new Map()
  for (const e of events || []) {
    if (e.kind !== 'points' || e.status !== 'approved' || !caps.has(e.indicator_key)) continue
    const id = e.subject_id
    if (!rows.has(id)) rows.set(id, { subject_id: id, subject_name: e.subject_name, raw: {}, counted: {}, total: 0, events: 0 })
    const row = rows.get(id)
    row.raw[e.indicator_key] = roundPoints((row.raw[e.indicator_key] || 0) + Number(e.points || 0))
    row.events++
  }
  for (const row of rows.values()) {
    let total = 0
    for (const [key, cap] of caps) {
      row.counted[key] = roundPoints(clamp(row.raw[key] || 0, cap))
      total += row.counted[key]
    }
    row.total = roundPoints(total)
  }
  return [...rows.values()].sort(
    (a, b) => b.total - a.total || String(a.subject_name).localeCompare(String(b.subject_name), 'zh-CN'),
  )
}

// What is wrong with a 加分/扣分 or 自报 form ({indicator, points, occurred_on, reason}) on
// `today`: a translated message, or '' when it may be sent.
export function pointsFormError(form, today) {
  if (!form?.indicator) return t('assessment.errors.categoryRequired')
  const points = Number(form.points)
  if (!finite(form.points) || points === 0) return t('assessment.errors.pointsNonZero')
  if (!/^\d{4}-\d{2}-\d{2}$/.test(String(form.occurred_on ?? ''))) return t('assessment.errors.dateRequired')
  if (today && form.occurred_on > today) return t('assessment.errors.dateInFuture')
  if (!String(form.reason ?? '').trim()) return t('assessment.errors.reasonRequired')
  return ''
}

// A manual score: 0–100.
export function manualScoreError(score) {
  if (!finite(score)) return t('assessment.errors.scoreRequired')
  const x = Number(score)
  return x < 0 || x > 100 ? t('assessment.errors.scoreRange') : ''
}

// Bodies of POST /assessment/events.
export function pointsEventBody({ scheme, subjectType, subjectId, form }) {
  return {
    scheme,
    kind: 'points',
    subject_type: subjectType,
    subject_id: subjectId,
    indicator: form.indicator,
    points: roundPoints(form.points),
    occurred_on: form.occurred_on,
    reason: String(form.reason).trim(),
    evidence: String(form.evidence ?? '').trim(),
  }
}
export function manualEventBody({ scheme, subjectType, subjectId, period, indicator, group, score, reason }) {
  return {
    scheme,
    kind: 'manual',
    subject_type: subjectType,
    subject_id: subjectId,
    indicator,
    period,
    evaluator_group: group,
    score: Number(score),
    reason: String(reason ?? '').trim(),
  }
}

// The schemes an evaluator may score, from GET /assessment/my-subjects: [{key, name, units:
// [{id, name}]}] in the order first seen.
export function subjectsByScheme(items) {
  const out = new Map()
  for (const s of items || []) {
    if (!out.has(s.scheme_key)) out.set(s.scheme_key, { key: s.scheme_key, name: s.scheme_name, units: [] })
    const entry = out.get(s.scheme_key)
    if (!entry.units.some((u) => u.id === s.unit_id)) entry.units.push({ id: s.unit_id, name: s.unit_name })
  }
  return [...out.values()]
}

// The hard bars of a scheme that people decide (no metric): what 认定一票否决 offers.
export const decidedBars = (scheme) => (scheme?.bars || []).filter((b) => b && b.key && !b.metric)
