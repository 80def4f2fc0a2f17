// 通报 helpers: the query and URLs of the preview and the downloads. Pure functions. The period
// helpers moved to utils/periods.js (shared with 考核); they are re-exported here.
import { buildUrl } from '@/api/request'

export {
  customPeriod,
  isoWeek,
  monthPeriod,
  periodString,
  quarterOf,
  quarterPeriod,
  toYmd,
  weekPeriod,
} from './periods'

// The kinds of period a bulletin is published for (the server's bulletins take no year).
export const PERIOD_KINDS = ['week', 'month', 'quarter', 'custom']
export const BULLETIN_ITEM_KINDS = ['problem', 'task', 'commitment', 'hazard', 'complaint']
export const BULLETIN_PATH = '/api/v1/bulletins'
export const EXPORT_FORMATS = ['xlsx', 'docx', 'pdf']

// {period, unit, kind} → the query object (empty kind and missing unit left out).
export function bulletinQuery({ period, unit, kind } = {}) {
  const query = { period }
  if (unit !== undefined && unit !== null && unit !== '') query.unit = unit
  if (kind && BULLETIN_ITEM_KINDS.includes(kind)) query.kind = kind
  return query
}

// The preview URL and the download links share the same query string.
export const bulletinUrl = (query) => buildUrl(BULLETIN_PATH, bulletinQuery(query))
export const bulletinExportUrl = (format, query) =>
  buildUrl(`${BULLETIN_PATH}/export.${format}`, bulletinQuery(query))

// "87.28%" | null → display text ('—' when the server has no rate, e.g. nothing to count).
export const rateText = (value) => (value === null || value === undefined || value === '' ? '—' : String(value))
