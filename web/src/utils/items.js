// Vocabulary of the closed loop (SPEC §3, docs/API-LOOP.md) and the pure logic the item pages
// share: labels, colours, list filters → query, action → dialog fields → request body.
import { t, i18n } from '@/locales'

export const ITEM_KINDS = ['problem', 'task', 'commitment', 'hazard', 'complaint']
export const ITEM_STATUSES = ['draft', 'assigned', 'in_progress', 'pending_review', 'closed', 'cancelled']
export const OPEN_STATUSES = ['draft', 'assigned', 'in_progress', 'pending_review']
export const WARNINGS = ['green', 'yellow', 'red', 'severe']
// The warning filter of GET /items takes only these (green is "no warning").
export const WARNING_FILTERS = ['yellow', 'red', 'severe']
export const REPORT_EVERY = ['none', 'week', 'month']
export const RECTIFY_MODES = ['immediate', 'deadline', 'long_term']
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'unsatisfied']
export const HAZARD_LEVELS = ['一般', '重大']
// The API's values are Chinese words; the key names the label in the message files.
export const SOURCES = [
  ['自查', 'self'],
  ['群众提', 'public'],
  ['组织点', 'organisation'],
  ['集体评', 'collective'],
  ['明察暗访', 'inspection'],
  ['12345', 'hotline'],
  ['意见箱', 'mailbox'],
  ['问卷', 'survey'],
  ['第三方', 'thirdParty'],
  ['督导组', 'steeringGroup'],
  ['巡察', 'patrol'],
  ['上级交办', 'higherLevel'],
].map(([value, key]) => ({ value, key }))
export const SEVERITIES = [
  ['一般', 'normal'],
  ['较重', 'serious'],
  ['严重', 'grave'],
].map(([value, key]) => ({ value, key }))

// 五个不放过: all five must be ticked before an item may be submitted for closure.
export const FIVE_CHECKS = ['cause_found', 'measures_done', 'rectified', 'accountability', 'public_satisfied']

// Every action and the fields its dialog asks for (and its request body carries).
export const ACTION_FIELDS = {
  assign: ['responsible_unit_id', 'responsible_person_id', 'lead_leader_id', 'deadline', 'measures', 'report_every', 'rectify_mode'],
  accept: [],
  return: ['reason'],
  report: ['text', 'progress', 'file_ids'],
  submit: ['text', 'checks', 'file_ids'],
  approve: ['opinion'],
  reject: ['opinion'],
  extend: ['new_deadline', 'reason'],
  decide_extension: ['approve', 'opinion'],
  reopen: ['reason'],
  rate: ['satisfaction', 'comment'],
  cancel: ['reason'],
}
export const ACTIONS = Object.keys(ACTION_FIELDS)

// Button look of each action in the detail page's action bar.
const ACTION_BUTTON_TYPES = {
  assign: 'primary',
  accept: 'primary',
  return: 'warning',
  report: 'primary',
  submit: 'success',
  approve: 'success',
  reject: 'danger',
  extend: 'warning',
  decide_extension: 'warning',
  reopen: 'danger',
  rate: 'primary',
  cancel: 'danger',
}

export const WARNING_COLORS = {
  green: '#67C23A',
  yellow: '#E6A23C',
  red: '#F56C6C',
  severe: '#A8071A',
}

const STATUS_TAG_TYPES = {
  draft: 'info',
  assigned: 'primary',
  in_progress: 'primary',
  pending_review: 'warning',
  closed: 'success',
  cancelled: 'info',
}

export const NOTICE_LEVELS = ['reminder', 'supervise', 'listed', 'interview']
const NOTICE_LEVEL_TAG_TYPES = { reminder: 'info', supervise: 'warning', listed: 'danger', interview: 'danger' }

function label(prefix, value) {
  if (value === null || value === undefined || value === '') return ''
  const key = `${prefix}.${value}`
  return i18n.global.te(key) ? t(key) : String(value)
}

export const kindLabel = (kind) => label('itemKinds', kind)
export const statusLabel = (status) => label('itemStatus', status)
export const warningLabel = (warning) => label('warnings', warning)
export const actionLabel = (action) => label('itemActions', action)
export const reportEveryLabel = (v) => label('reportEvery', v)
export const rectifyModeLabel = (v) => label('rectifyModes', v)
export const satisfactionLabel = (v) => label('satisfaction', v)
export const checkLabel = (v) => label('checks', v)
export const noticeLevelLabel = (v) => label('noticeLevels', v)
export const noticeConditionLabel = (v) => label('noticeConditions', v)
export const noticeStatusLabel = (v) => label('noticeStatus', v)

export function sourceLabel(value) {
  const s = SOURCES.find((x) => x.value === value)
  return s ? t(`sources.${s.key}`) : value || ''
}

export function severityLabel(value) {
  const s = SEVERITIES.find((x) => x.value === value)
  return s ? t(`severities.${s.key}`) : value || ''
}

export function hazardLevelLabel(value) {
  return value === '重大' ? t('itemForm.hazardMajor') : value === '一般' ? t('itemForm.hazardNormal') : value || ''
}

// Timeline labels: "assign" or "item.assign" → 交办; other events (create, file, notice …)
// have their own words; anything unknown is shown as sent.
export function eventLabel(action) {
  const name = String(action ?? '').replace(/^item[._]/, '').replace(/\./g, '_')
  if (i18n.global.te(`itemActions.${name}`)) return t(`itemActions.${name}`)
  if (i18n.global.te(`itemEvents.${name}`)) return t(`itemEvents.${name}`)
  return String(action ?? '')
}

// '' for null (closed, cancelled, no deadline).
export function warningColor(warning) {
  return WARNING_COLORS[warning] || ''
}

export function statusTagType(status) {
  return STATUS_TAG_TYPES[status] || 'info'
}

export function noticeLevelTagType(level) {
  return NOTICE_LEVEL_TAG_TYPES[level] || 'info'
}

export function actionButtonType(action) {
  return ACTION_BUTTON_TYPES[action] || 'primary'
}

export function actionFields(action) {
  return ACTION_FIELDS[action] ? [...ACTION_FIELDS[action]] : []
}

// Only the actions this UI knows, in the server's order.
export function visibleActions(allowed) {
  return (Array.isArray(allowed) ? allowed : []).filter((a) => a in ACTION_FIELDS)
}

// List filters → GET /items query: lists become comma lists, text is trimmed, empties dropped.
export function itemQuery(filters = {}) {
  const out = {}
  for (const [key, value] of Object.entries(filters)) {
    let v = value
    if (Array.isArray(v)) v = v.filter((x) => x !== '' && x !== null && x !== undefined).join(',')
    else if (typeof v === 'string') v = v.trim()
    if (v === '' || v === null || v === undefined) continue
    out[key] = v
  }
  return out
}

// el-table sort-change → the API's sort parameter ('' = the server's default).
export function sortParam({ prop, order } = {}) {
  if (!prop || !order) return ''
  return order === 'descending' ? `-${prop}` : prop
}

export function checksComplete(checks) {
  return FIVE_CHECKS.every((k) => checks?.[k] === true)
}

export function missingChecks(checks) {
  return FIVE_CHECKS.filter((k) => checks?.[k] !== true)
}

export function emptyChecks() {
  return Object.fromEntries(FIVE_CHECKS.map((k) => [k, false]))
}

// Deadline of the assign form: a date, or a number of working days from today (the server
// converts it on assignment). Long-term rectification may have neither.
export function deadlineBody({ deadline_mode: mode, deadline, deadline_working_days: days }) {
  if (mode === 'date') return deadline ? { deadline } : {}
  const n = Number(days)
  return Number.isInteger(n) && n > 0 ? { deadline_working_days: n } : {}
}

export function deadlineError({ deadline_mode: mode, deadline, deadline_working_days: days, rectify_mode: rectify }) {
  if (rectify === 'long_term') return ''
  if (mode === 'date') return deadline ? '' : 'deadlineRequired'
  const n = Number(days)
  if (days === '' || days === null || days === undefined) return 'workingDaysRequired'
  return Number.isInteger(n) && n >= 1 && n <= 366 ? '' : 'workingDaysInvalid'
}

export const cleanMeasures = (measures) =>
  (Array.isArray(measures) ? measures : []).map((m) => String(m ?? '').trim()).filter(Boolean)

function assignBody(form) {
  const body = { responsible_unit_id: form.responsible_unit_id }
  if (form.responsible_person_id) body.responsible_person_id = form.responsible_person_id
  if (form.lead_leader_id) body.lead_leader_id = form.lead_leader_id
  Object.assign(body, deadlineBody(form))
  const measures = cleanMeasures(form.measures)
  if (measures.length) body.measures = measures
  if (form.report_every) body.report_every = form.report_every
  if (form.rectify_mode) body.rectify_mode = form.rectify_mode
  return body
}

// The request body of an action from its dialog's form, with exactly the action's fields.
export function buildActionBody(action, form = {}) {
  const text = (v) => String(v ?? '').trim()
  switch (action) {
    case 'assign':
      return assignBody(form)
    case 'accept':
      return {}
    case 'return':
    case 'reopen':
    case 'cancel':
      return { reason: text(form.reason) }
    case 'report': {
      const body = { text: text(form.text), progress: Number(form.progress) || 0 }
      if (form.file_ids?.length) body.file_ids = [...form.file_ids]
      return body
    }
    case 'submit': {
      const body = {
        text: text(form.text),
        checks: Object.fromEntries(FIVE_CHECKS.map((k) => [k, form.checks?.[k] === true])),
      }
      if (form.file_ids?.length) body.file_ids = [...form.file_ids]
      return body
    }
    case 'approve':
    case 'reject':
      return { opinion: text(form.opinion) }
    case 'extend':
      return { new_deadline: form.new_deadline, reason: text(form.reason) }
    case 'decide_extension':
      return { approve: form.approve === true, opinion: text(form.opinion) }
    case 'rate': {
      const body = { satisfaction: form.satisfaction }
      if (text(form.comment)) body.comment = text(form.comment)
      return body
    }
    default:
      throw new Error(`unknown action ${action}`)
  }
}

// A fresh form for an action's dialog, prefilled from the item where that helps.
export function initialActionForm(action, item = {}) {
  return {
    responsible_unit_id: item.responsible_unit_id ?? null,
    responsible_person_id: item.responsible_person_id ?? null,
    lead_leader_id: item.lead_leader_id ?? null,
    deadline_mode: item.deadline && !item.deadline_working_days ? 'date' : 'working_days',
    deadline: item.deadline || '',
    deadline_working_days: item.deadline_working_days ?? null,
    measures: item.measures?.length ? [...item.measures] : [''],
    report_every: item.report_every || 'none',
    rectify_mode: item.rectify_mode || 'deadline',
    reason: '',
    text: '',
    progress: action === 'report' ? Number(item.progress) || 0 : 0,
    file_ids: [],
    checks: emptyChecks(),
    opinion: '',
    new_deadline: item.pending_extension?.new_deadline || '',
    approve: true,
    satisfaction: '',
    comment: '',
  }
}

// Client-side check of an action form; returns the message key of the first problem or ''.
export function actionFormError(action, form) {
  const blank = (v) => !String(v ?? '').trim()
  switch (action) {
    case 'assign':
      if (!form.responsible_unit_id) return 'action.unitRequired'
      return deadlineError(form) ? `action.${deadlineError(form)}` : ''
    case 'return':
    case 'reopen':
    case 'cancel':
      return blank(form.reason) ? 'action.reasonRequired' : ''
    case 'report':
      return blank(form.text) ? 'action.reportTextRequired' : ''
    case 'submit':
      if (blank(form.text)) return 'action.submitTextRequired'
      return checksComplete(form.checks) ? '' : 'action.checksRequired'
    case 'approve':
    case 'reject':
      return blank(form.opinion) ? 'action.opinionRequired' : ''
    case 'extend':
      if (!form.new_deadline) return 'action.newDeadlineRequired'
      return blank(form.reason) ? 'action.reasonRequired' : ''
    case 'decide_extension':
      return blank(form.opinion) ? 'action.opinionRequired' : ''
    case 'rate':
      return SATISFACTIONS.includes(form.satisfaction) ? '' : 'action.satisfactionRequired'
    default:
      return ''
  }
}

// Events oldest first (the server's order; sorted again by time, then id, to be sure).
export function sortEvents(events) {
  return [...(events || [])].sort((a, b) => {
    const ta = Date.parse(a.at) || 0
    const tb = Date.parse(b.at) || 0
    return ta !== tb ? ta - tb : (a.id ?? 0) - (b.id ?? 0)
  })
}

// Categories [{id, name, parent_id}] → el-tree-select data [{value, label, children}].
export function categoryTree(categories) {
  const list = Array.isArray(categories) ? categories : []
  const nodes = new Map(list.map((c) => [c.id, { value: c.id, label: c.name, children: [] }]))
  const roots = []
  for (const c of list) {
    const node = nodes.get(c.id)
    const parent = c.parent_id !== null && c.parent_id !== undefined ? nodes.get(c.parent_id) : null
    if (parent && parent !== node) parent.children.push(node)
    else roots.push(node)
  }
  const prune = (n) => {
    if (!n.children.length) delete n.children
    else n.children.forEach(prune)
    return n
  }
  return roots.map(prune)
}

// Kind-specific detail fields of the item form (SPEC §3).
export const DETAIL_FIELDS = {
  hazard: ['location', 'road', 'km_marker', 'level'],
  task: ['target_value', 'target_unit'],
  complaint: ['channel', 'citizen_name', 'citizen_phone'],
}

export function emptyItemForm({ unitId = null, today = '' } = {}) {
  return {
    kind: 'problem',
    title: '',
    description: '',
    source: '',
    severity: '一般',
    unit_id: unitId,
    found_on: today,
    found_by: '',
    campaign_id: null,
    category_id: null,
    measures: [''],
    public: false,
    details: {
      location: '',
      road: '',
      km_marker: '',
      level: '一般',
      target_value: null,
      target_unit: '',
      channel: '',
      citizen_name: '',
      citizen_phone: '',
    },
  }
}

// POST /items body from the item form: only the chosen kind's details, no empty optionals.
export function buildItemBody(form) {
  const text = (v) => String(v ?? '').trim()
  const body = {
    kind: form.kind,
    title: text(form.title),
    description: text(form.description),
    source: form.source,
    severity: form.severity,
    unit_id: form.unit_id,
    found_on: form.found_on,
    public: Boolean(form.public),
  }
  if (text(form.found_by)) body.found_by = text(form.found_by)
  if (form.campaign_id) body.campaign_id = form.campaign_id
  if (form.campaign_id && form.category_id) body.category_id = form.category_id
  const measures = cleanMeasures(form.measures)
  if (measures.length) body.measures = measures
  const fields = DETAIL_FIELDS[form.kind]
  if (fields) {
    const details = {}
    for (const f of fields) {
      const v = form.details?.[f]
      if (f === 'target_value') {
        if (v !== null && v !== undefined && v !== '' && Number.isFinite(Number(v))) details[f] = Number(v)
      } else if (text(v)) {
        details[f] = text(v)
      }
    }
    if (Object.keys(details).length) body.details = details
  }
  return body
}

// What the caller is expected to do with an item of their to-do list (the loop's next steps,
// not the always-available ones such as cancel or extend).
const TODO_ACTIONS = ['assign', 'accept', 'report', 'submit', 'approve', 'reject', 'decide_extension', 'rate']
export function todoHint(item) {
  const allowed = visibleActions(item?.allowed_actions).filter((a) => TODO_ACTIONS.includes(a))
  if (allowed.length) return t('dashboard.todoActions', { actions: allowed.map(actionLabel).join('、') })
  return ''
}

// 学、查、改、建 and 庸、懒、散、推、拖、浮、乱: the usual phases and categories of a work-style
// campaign, offered as one-click presets.
export const PRESET_PHASES = ['学', '查', '改', '建']
export const PRESET_CATEGORIES = ['庸', '懒', '散', '推', '拖', '浮', '乱']

// Campaign dialog form → POST/PATCH body. Existing categories keep their id (and parent).
export function buildCampaignBody(form) {
  const text = (v) => String(v ?? '').trim()
  const [startsOn, endsOn] = form.period || []
  return {
    name: text(form.name),
    description: text(form.description),
    starts_on: startsOn || null,
    ends_on: endsOn || null,
    unit_id: form.unit_id,
    phases: (form.phases || [])
      .filter((p) => text(p.name))
      .map((p) => ({ name: text(p.name), starts_on: p.starts_on || null, ends_on: p.ends_on || null })),
    categories: (form.categories || [])
      .filter((c) => text(c.name))
      .map((c) => {
        const out = { name: text(c.name), parent_id: c.parent_id ?? null }
        if (c.id) out.id = c.id
        return out
      }),
  }
}

// The first problem of a campaign form as a message key, or ''.
export function campaignFormError(form) {
  if (!String(form.name ?? '').trim()) return 'campaigns.nameRequired'
  if (!form.unit_id) return 'campaigns.unitRequired'
  const [s, e] = form.period || []
  if (!s || !e) return 'campaigns.periodRequired'
  for (const p of form.phases || []) {
    if (!String(p.name ?? '').trim()) continue
    if (p.starts_on && p.ends_on && p.starts_on > p.ends_on) return 'campaigns.phaseOrder'
    if ((p.starts_on && p.starts_on < s) || (p.ends_on && p.ends_on > e)) return 'campaigns.phaseOutside'
  }
  const names = (form.categories || []).map((c) => String(c.name ?? '').trim()).filter(Boolean)
  if (new Set(names).size !== names.length) return 'campaigns.categoryDuplicate'
  return ''
}
