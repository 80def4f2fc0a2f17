// The account roles of SPEC §1, in the order the UI lists them, and their labels.
import { t } from '@/locales'

export const ROLES = ['admin', 'supervisor', 'leader', 'handler', 'evaluator', 'viewer']

// Tag colours (Element Plus tag types) so roles are told apart at a glance.
const ROLE_TAG_TYPES = {
  admin: 'danger',
  supervisor: 'warning',
  leader: 'success',
  handler: 'primary',
  evaluator: 'info',
  viewer: 'info',
}

// Returns the role's name in the current UI language; an unknown role is shown as sent.
export function roleLabel(role) {
  return ROLES.includes(role) ? t(`roles.${role}`) : String(role)
}

export function roleTagType(role) {
  return ROLE_TAG_TYPES[role] || 'info'
}

export function roleOptions() {
  return ROLES.map((value) => ({ value, label: roleLabel(value) }))
}
