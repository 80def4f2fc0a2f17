import { afterEach, describe, expect, it } from 'vitest'
import { setLocale } from '@/locales'
import { AUDIT_ENTITY_TYPES, auditActionLabel, entityTypeLabel } from '@/utils/audit'

afterEach(() => setLocale('zh-CN'))

describe('audit labels', () => {
  it.each([
    ['unit.move', '移动单位'],
    ['item.assign', '交办'],
    ['item.notice.respond', '回复督办单'],
    ['assessment.scheme.save', '保存考核方案'],
    ['assessment.file', '上传佐证材料'],
    ['bulletin.issue', '印发通报'],
    ['something.new', 'something.new'],
  ])('%s → %s', (action, label) => {
    expect(auditActionLabel(action)).toBe(label)
  })

  it('names every entity type the page filters by, in both languages', () => {
    for (const locale of ['zh-CN', 'en']) {
      setLocale(locale)
      for (const type of AUDIT_ENTITY_TYPES) expect(entityTypeLabel(type)).not.toBe(type)
    }
    expect(entityTypeLabel('assessment_event')).toBe('Assessment entry')
    expect(entityTypeLabel('')).toBe('')
  })
})
