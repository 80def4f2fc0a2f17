import { beforeEach, describe, expect, it } from 'vitest'
import { setLocale } from '@/locales'
import { buildUrl } from '@/api/request'
import {
  ACTIONS,
  ACTION_FIELDS,
  FIVE_CHECKS,
  actionFields,
  actionFormError,
  buildActionBody,
  buildCampaignBody,
  buildItemBody,
  campaignFormError,
  categoryTree,
  checksComplete,
  deadlineBody,
  deadlineError,
  emptyChecks,
  emptyItemForm,
  eventLabel,
  initialActionForm,
  itemQuery,
  missingChecks,
  noticeLevelLabel,
  sortEvents,
  sortParam,
  sourceLabel,
  statusLabel,
  statusTagType,
  todoHint,
  visibleActions,
  warningColor,
  warningLabel,
} from '@/utils/items'

beforeEach(() => setLocale('zh-CN'))

const allChecks = () => Object.fromEntries(FIVE_CHECKS.map((k) => [k, true]))

describe('warning colours', () => {
  it.each([
    ['green', '#67C23A'],
    ['yellow', '#E6A23C'],
    ['red', '#F56C6C'],
    ['severe', '#A8071A'],
    [null, ''],
    [undefined, ''],
    ['purple', ''],
  ])('%s → %j', (warning, color) => {
    expect(warningColor(warning)).toBe(color)
  })

  it('are named in Chinese', () => {
    expect(['green', 'yellow', 'red', 'severe'].map(warningLabel)).toEqual(['正常', '临期', '超期', '严重超期'])
    expect(warningLabel(null)).toBe('')
  })
})

describe('status and vocabulary labels', () => {
  it('name every status', () => {
    expect(['draft', 'assigned', 'in_progress', 'pending_review', 'closed', 'cancelled'].map(statusLabel)).toEqual([
      '待交办', '已交办', '办理中', '待验收', '已销号', '已撤销',
    ])
    expect(statusTagType('closed')).toBe('success')
    expect(statusTagType('nonsense')).toBe('info')
  })

  it('show unknown values as sent and follow the UI language', () => {
    expect(statusLabel('archived')).toBe('archived')
    expect(sourceLabel('12345')).toBe('12345')
    expect(sourceLabel('明察暗访')).toBe('明察暗访')
    expect(noticeLevelLabel('interview')).toBe('约谈')
    setLocale('en')
    expect(statusLabel('closed')).toBe('Closed')
    expect(sourceLabel('明察暗访')).toBe('Unannounced inspection')
  })

  it('name timeline events, with or without an "item." prefix', () => {
    expect(eventLabel('assign')).toBe('交办')
    expect(eventLabel('item.reject')).toBe('退回重改')
    expect(eventLabel('approve')).toBe('验收销号')
    expect(eventLabel('create')).toBe('登记')
    expect(eventLabel('something_new')).toBe('something_new')
  })
})

describe('list filters → query', () => {
  it('joins lists with commas, trims text and drops empties', () => {
    const q = itemQuery({
      kind: 'problem',
      status: ['draft', 'assigned'],
      warning: [],
      campaign: null,
      category: undefined,
      source: '',
      responsible_unit: 7,
      due_before: '2026-12-01',
      q: '  护栏 ',
      sort: '-deadline',
      page: 2,
      page_size: 20,
    })
    expect(q).toEqual({
      kind: 'problem',
      status: 'draft,assigned',
      responsible_unit: 7,
      due_before: '2026-12-01',
      q: '护栏',
      sort: '-deadline',
      page: 2,
      page_size: 20,
    })
    expect(buildUrl('/api/v1/items', q)).toBe(
      '/api/v1/items?kind=problem&status=draft%2Cassigned&responsible_unit=7&due_before=2026-12-01&q=%E6%8A%A4%E6%A0%8F&sort=-deadline&page=2&page_size=20',
    )
  })

  it('maps table sorting to the sort parameter', () => {
    expect(sortParam({ prop: 'deadline', order: 'ascending' })).toBe('deadline')
    expect(sortParam({ prop: 'found_on', order: 'descending' })).toBe('-found_on')
    expect(sortParam({ prop: 'deadline', order: null })).toBe('')
    expect(sortParam()).toBe('')
  })
})

describe('actions → dialog fields', () => {
  it('covers every action of the contract', () => {
    expect(ACTIONS.sort()).toEqual(
      ['accept', 'approve', 'assign', 'cancel', 'decide_extension', 'extend', 'reject', 'reopen', 'rate', 'report', 'return', 'submit'].sort(),
    )
  })

  it.each([
    ['accept', []],
    ['return', ['reason']],
    ['cancel', ['reason']],
    ['reopen', ['reason']],
    ['report', ['text', 'progress', 'file_ids']],
    ['submit', ['text', 'checks', 'file_ids']],
    ['approve', ['opinion']],
    ['reject', ['opinion']],
    ['extend', ['new_deadline', 'reason']],
    ['decide_extension', ['approve', 'opinion']],
    ['rate', ['satisfaction', 'comment']],
  ])('%s asks for %j', (action, fields) => {
    expect(actionFields(action)).toEqual(fields)
  })

  it('assign asks for unit, people, deadline, measures, report frequency and mode', () => {
    expect(actionFields('assign')).toEqual([
      'responsible_unit_id', 'responsible_person_id', 'lead_leader_id', 'deadline', 'measures', 'report_every', 'rectify_mode',
    ])
    expect(actionFields('fly')).toEqual([])
  })

  it('keeps only the actions it knows, in the order given', () => {
    expect(visibleActions(['submit', 'teleport', 'report'])).toEqual(['submit', 'report'])
    expect(visibleActions(undefined)).toEqual([])
  })

  it('builds each body with exactly its fields', () => {
    const form = {
      ...initialActionForm('x'),
      reason: ' 错派 ',
      text: ' 已完成 ',
      progress: 50,
      file_ids: [3],
      checks: allChecks(),
      opinion: ' 同意 ',
      new_deadline: '2026-12-31',
      approve: false,
      satisfaction: 'satisfied',
      comment: '',
    }
    expect(buildActionBody('accept', form)).toEqual({})
    expect(buildActionBody('return', form)).toEqual({ reason: '错派' })
    expect(buildActionBody('report', form)).toEqual({ text: '已完成', progress: 50, file_ids: [3] })
    expect(buildActionBody('submit', form)).toEqual({ text: '已完成', checks: allChecks(), file_ids: [3] })
    expect(buildActionBody('approve', form)).toEqual({ opinion: '同意' })
    expect(buildActionBody('extend', form)).toEqual({ new_deadline: '2026-12-31', reason: '错派' })
    expect(buildActionBody('decide_extension', form)).toEqual({ approve: false, opinion: '同意' })
    expect(buildActionBody('rate', form)).toEqual({ satisfaction: 'satisfied' })
    for (const action of ACTIONS.filter((a) => a !== 'assign')) {
      const keys = Object.keys(buildActionBody(action, form))
      const allowed = ACTION_FIELDS[action]
      expect(keys.every((k) => allowed.includes(k)), action).toBe(true)
    }
    expect(() => buildActionBody('fly', form)).toThrow()
  })

  it('builds an assign body with working days or a date', () => {
    const form = {
      ...initialActionForm('assign'),
      responsible_unit_id: 8,
      responsible_person_id: 12,
      lead_leader_id: 7,
      deadline_mode: 'working_days',
      deadline: '2026-12-01',
      deadline_working_days: 5,
      measures: [' 设置警示标志 ', '', '补设护栏'],
      report_every: 'week',
      rectify_mode: 'deadline',
    }
    expect(buildActionBody('assign', form)).toEqual({
      responsible_unit_id: 8,
      responsible_person_id: 12,
      lead_leader_id: 7,
      deadline_working_days: 5,
      measures: ['设置警示标志', '补设护栏'],
      report_every: 'week',
      rectify_mode: 'deadline',
    })
    const byDate = buildActionBody('assign', { ...form, deadline_mode: 'date', responsible_person_id: null, lead_leader_id: null, measures: [''] })
    expect(byDate).toEqual({ responsible_unit_id: 8, deadline: '2026-12-01', report_every: 'week', rectify_mode: 'deadline' })
  })
})

describe('the five checks 五个不放过', () => {
  it('are complete only when all five are true', () => {
    expect(checksComplete(allChecks())).toBe(true)
    expect(checksComplete(emptyChecks())).toBe(false)
    expect(checksComplete({ ...allChecks(), accountability: false })).toBe(false)
    expect(checksComplete({ ...allChecks(), public_satisfied: 'yes' })).toBe(false)
    expect(checksComplete(null)).toBe(false)
    expect(missingChecks({ cause_found: true, rectified: true })).toEqual(['measures_done', 'accountability', 'public_satisfied'])
  })

  it('hold back a submit until the text is written and all are ticked', () => {
    const form = { ...initialActionForm('submit'), text: '已整改' }
    expect(actionFormError('submit', form)).toBe('action.checksRequired')
    expect(actionFormError('submit', { ...form, text: ' ' })).toBe('action.submitTextRequired')
    expect(actionFormError('submit', { ...form, checks: allChecks() })).toBe('')
  })

  it('are all sent, as booleans', () => {
    const body = buildActionBody('submit', { text: 'x', checks: { cause_found: true }, file_ids: [] })
    expect(body).toEqual({
      text: 'x',
      checks: { cause_found: true, measures_done: false, rectified: false, accountability: false, public_satisfied: false },
    })
  })
})

describe('deadline of the assign form', () => {
  it.each([
    [{ deadline_mode: 'working_days', deadline_working_days: 5 }, { deadline_working_days: 5 }, ''],
    [{ deadline_mode: 'working_days', deadline_working_days: null }, {}, 'workingDaysRequired'],
    [{ deadline_mode: 'working_days', deadline_working_days: 0 }, {}, 'workingDaysInvalid'],
    [{ deadline_mode: 'working_days', deadline_working_days: 2.5 }, {}, 'workingDaysInvalid'],
    [{ deadline_mode: 'working_days', deadline_working_days: 400 }, { deadline_working_days: 400 }, 'workingDaysInvalid'],
    [{ deadline_mode: 'date', deadline: '2026-12-01', deadline_working_days: 5 }, { deadline: '2026-12-01' }, ''],
    [{ deadline_mode: 'date', deadline: '' }, {}, 'deadlineRequired'],
    [{ deadline_mode: 'date', deadline: '', rectify_mode: 'long_term' }, {}, ''],
  ])('%j → body %j, error %j', (form, body, error) => {
    expect(deadlineBody(form)).toEqual(body)
    expect(deadlineError(form)).toBe(error)
  })

  it('prefills from the item: its date when it has one, else working days', () => {
    expect(initialActionForm('assign', { deadline: '2026-12-01' }).deadline_mode).toBe('date')
    expect(initialActionForm('assign', { deadline: '2026-12-01', deadline_working_days: 5 }).deadline_mode).toBe('working_days')
    expect(initialActionForm('assign', {}).deadline_mode).toBe('working_days')
    expect(initialActionForm('assign', { measures: ['a'] }).measures).toEqual(['a'])
  })

  it('requires the responsible unit', () => {
    const form = { ...initialActionForm('assign'), deadline_working_days: 5 }
    expect(actionFormError('assign', form)).toBe('action.unitRequired')
    expect(actionFormError('assign', { ...form, responsible_unit_id: 3 })).toBe('')
  })
})

describe('other action forms', () => {
  it.each([
    ['return', { reason: '' }, 'action.reasonRequired'],
    ['cancel', { reason: '重复登记' }, ''],
    ['report', { text: '' }, 'action.reportTextRequired'],
    ['approve', { opinion: '' }, 'action.opinionRequired'],
    ['reject', { opinion: '补充材料' }, ''],
    ['extend', { new_deadline: '', reason: 'x' }, 'action.newDeadlineRequired'],
    ['extend', { new_deadline: '2026-12-31', reason: '' }, 'action.reasonRequired'],
    ['decide_extension', { opinion: '' }, 'action.opinionRequired'],
    ['rate', { satisfaction: '' }, 'action.satisfactionRequired'],
    ['rate', { satisfaction: 'basically_satisfied' }, ''],
    ['accept', {}, ''],
  ])('%s %j → %j', (action, fields, error) => {
    expect(actionFormError(action, { ...initialActionForm(action), ...fields })).toBe(error)
  })
})

describe('item form → POST /items', () => {
  it('sends only the chosen kind’s details and no empty optionals', () => {
    const form = emptyItemForm({ unitId: 6, today: '2026-11-23' })
    Object.assign(form, { kind: 'hazard', title: ' 护栏缺失 ', description: '描述', source: '明察暗访', measures: ['', ' 设置警示 '] })
    Object.assign(form.details, { location: 'G213 K12+300', road: 'G213', km_marker: '', level: '重大', citizen_name: '不该发送' })
    expect(buildItemBody(form)).toEqual({
      kind: 'hazard',
      title: '护栏缺失',
      description: '描述',
      source: '明察暗访',
      severity: '一般',
      unit_id: 6,
      found_on: '2026-11-23',
      public: false,
      measures: ['设置警示'],
      details: { location: 'G213 K12+300', road: 'G213', level: '重大' },
    })
  })

  it('sends a task target as a number and a category only with its campaign', () => {
    const form = emptyItemForm({ unitId: 1, today: '2026-01-01' })
    Object.assign(form, { kind: 'task', title: 't', description: 'd', source: '上级交办', category_id: 4, found_by: ' 督导组 ' })
    form.details.target_value = 411.82
    form.details.target_unit = '公里'
    const body = buildItemBody(form)
    expect(body.details).toEqual({ target_value: 411.82, target_unit: '公里' })
    expect(body).not.toHaveProperty('category_id')
    expect(body.found_by).toBe('督导组')
    expect(buildItemBody({ ...form, campaign_id: 2 })).toMatchObject({ campaign_id: 2, category_id: 4 })
    expect(buildItemBody({ ...form, kind: 'problem' })).not.toHaveProperty('details')
  })
})

describe('timeline and taxonomy helpers', () => {
  it('sorts events oldest first, then by id', () => {
    const events = [
      { id: 3, at: '2026-11-23T02:00:00Z' },
      { id: 2, at: '2026-11-23T01:00:00Z' },
      { id: 1, at: '2026-11-23T01:00:00Z' },
    ]
    expect(sortEvents(events).map((e) => e.id)).toEqual([1, 2, 3])
    expect(sortEvents(null)).toEqual([])
  })

  it('turns categories into a tree', () => {
    expect(
      categoryTree([
        { id: 1, name: '作风', parent_id: null },
        { id: 2, name: '庸', parent_id: 1 },
        { id: 3, name: '八弊', parent_id: null },
        { id: 4, name: '孤儿', parent_id: 99 },
      ]),
    ).toEqual([
      { value: 1, label: '作风', children: [{ value: 2, label: '庸' }] },
      { value: 3, label: '八弊' },
      { value: 4, label: '孤儿' },
    ])
  })

  it('says what a to-do needs, leaving out cancel and extend', () => {
    expect(todoHint({ allowed_actions: ['report', 'submit', 'extend', 'cancel'] })).toBe('待办：进展报告、申请销号')
    expect(todoHint({ allowed_actions: ['cancel'] })).toBe('')
  })
})

describe('campaign form', () => {
  const valid = {
    name: ' 作风建设 ',
    description: '',
    period: ['2026-03-01', '2026-12-31'],
    unit_id: 1,
    phases: [{ name: '学', starts_on: '2026-03-01', ends_on: '2026-03-31' }, { name: ' ', starts_on: '', ends_on: '' }],
    categories: [{ id: 5, name: '庸', parent_id: null }, { name: '懒' }, { name: '' }],
  }

  it('builds the body, keeping existing category ids', () => {
    expect(buildCampaignBody(valid)).toEqual({
      name: '作风建设',
      description: '',
      starts_on: '2026-03-01',
      ends_on: '2026-12-31',
      unit_id: 1,
      phases: [{ name: '学', starts_on: '2026-03-01', ends_on: '2026-03-31' }],
      categories: [{ id: 5, name: '庸', parent_id: null }, { name: '懒', parent_id: null }],
    })
  })

  it.each([
    [{}, ''],
    [{ name: '' }, 'campaigns.nameRequired'],
    [{ unit_id: null }, 'campaigns.unitRequired'],
    [{ period: [] }, 'campaigns.periodRequired'],
    [{ phases: [{ name: '查', starts_on: '2026-05-01', ends_on: '2026-04-01' }] }, 'campaigns.phaseOrder'],
    [{ phases: [{ name: '建', starts_on: '2026-12-01', ends_on: '2027-01-31' }] }, 'campaigns.phaseOutside'],
    [{ categories: [{ name: '庸' }, { name: ' 庸' }] }, 'campaigns.categoryDuplicate'],
  ])('%j → %j', (change, error) => {
    expect(campaignFormError({ ...valid, ...change })).toBe(error)
  })
})
