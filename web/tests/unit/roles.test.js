import { afterEach, describe, expect, it } from 'vitest'
import { ROLES, roleLabel, roleOptions, roleTagType } from '@/utils/roles'
import { unitKindLabel, unitPathText, UNIT_KINDS } from '@/utils/units'
import { setLocale } from '@/locales'

afterEach(() => setLocale('zh-CN'))

describe('role labels', () => {
  it('lists the six roles of SPEC §1 in order', () => {
    expect(ROLES).toEqual(['admin', 'supervisor', 'leader', 'handler', 'evaluator', 'viewer'])
  })

  it.each([
    ['admin', '系统管理员'],
    ['supervisor', '督查员'],
    ['leader', '领导'],
    ['handler', '责任人'],
    ['evaluator', '评议人'],
    ['viewer', '查看'],
  ])('%s → %s in Chinese', (role, label) => {
    setLocale('zh-CN')
    expect(roleLabel(role)).toBe(label)
  })

  it('switches with the UI language', () => {
    setLocale('en')
    expect(roleLabel('admin')).toBe('Administrator')
    expect(roleLabel('supervisor')).toBe('Supervisor')
  })

  it('shows an unknown role as sent', () => {
    expect(roleLabel('auditor')).toBe('auditor')
    expect(roleTagType('auditor')).toBe('info')
  })

  it('offers every role as an option with its label', () => {
    setLocale('zh-CN')
    expect(roleOptions()).toEqual(ROLES.map((value) => ({ value, label: roleLabel(value) })))
    expect(roleOptions()[0]).toEqual({ value: 'admin', label: '系统管理员' })
  })
})

describe('unit kinds', () => {
  it.each([
    ['county', '旗/县'],
    ['bureau', '局/部门'],
    ['section', '股室'],
    ['township', '乡镇'],
    ['branch', '党支部'],
    ['other', '其他'],
  ])('%s → %s', (kind, label) => {
    expect(unitKindLabel(kind)).toBe(label)
  })

  it('has exactly the six kinds', () => {
    expect(UNIT_KINDS).toHaveLength(6)
    expect(unitKindLabel('mystery')).toBe('mystery')
  })

  it('joins path names root first', () => {
    expect(unitPathText({ name: '县委办', path_names: ['某县', '县委办'] })).toBe('某县 / 县委办')
    expect(unitPathText({ name: '某县' })).toBe('某县')
  })
})
