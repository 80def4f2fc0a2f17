// Labels of the audit log's actions and entity types in the UI language (docs/SECURITY.md).
import { i18n, t } from '@/locales'

// The entity types the audit page filters by, in its order.
export const AUDIT_ENTITY_TYPES = [
  'unit',
  'person',
  'account',
  'session',
  'item',
  'campaign',
  'calendar',
  'assessment_scheme',
  'assessment_grant',
  'assessment_event',
  'bulletin',
]

// "unit.move" → auditActions.unit_move, "assessment.scheme.save" → …assessment_scheme_save;
// an action without a label shows as the server wrote it.
export function auditActionLabel(action) {
  const key = `auditActions.${String(action).replaceAll('.', '_')}`
  return i18n.global.te(key) ? t(key) : String(action ?? '')
}

export function entityTypeLabel(type) {
  return type && i18n.global.te(`entityTypes.${type}`) ? t(`entityTypes.${type}`) : type || ''
}
