// Unit kinds of the org tree (SPEC §2) and their labels.
import { t } from '@/locales'

export const UNIT_KINDS = ['county', 'bureau', 'section', 'township', 'branch', 'other']

export function unitKindLabel(kind) {
  return UNIT_KINDS.includes(kind) ? t(`unitKinds.${kind}`) : kind || ''
}

export function unitKindOptions() {
  return UNIT_KINDS.map((value) => ({ value, label: unitKindLabel(value) }))
}

// "某县 / 县委办" from a unit's path_names (root first); falls back to the name.
export function unitPathText(unit) {
  if (!unit) return ''
  if (Array.isArray(unit.path_names) && unit.path_names.length) return unit.path_names.join(' / ')
  return unit.name || ''
}
