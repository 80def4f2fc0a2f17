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

// {period, unit, kind, scheme} → the query object (empty kind, scheme and missing unit left out).
export function bulletinQuery({ period, unit, kind, scheme } = {}) {
  const query = { period }
  if (unit !== undefined && unit !== null && unit !== '') query.unit = unit
  if (kind && BULLETIN_ITEM_KINDS.includes(kind)) query.kind = kind
  if (scheme) query.scheme = scheme
  return query
}

// The preview URL and the download links share the same query string.
export const bulletinUrl = (query) => buildUrl(BULLETIN_PATH, bulletinQuery(query))
export const bulletinExportUrl = (format, query) =>
  buildUrl(`${BULLETIN_PATH}/export.${format}`, bulletinQuery(query))

// The register of issued bulletins: a bulletin once issued keeps its number and its figures.
export const ISSUED_PATH = `${BULLETIN_PATH}/issued`
export const issuedExportUrl = (id, format) => `${ISSUED_PATH}/${encodeURIComponent(id)}/export.${format}`

// The 发文字号 printed on a bulletin: its own once issued, a blank serial on a preview (as on a
// draft, where the number is filled in when it is issued).
export function documentNumber(bulletin) {
  if (bulletin?.number) return bulletin.number
  const year = String(bulletin?.generated_on || '').slice(0, 4)
  return `督通〔${year}〕\u3000号`
}

// The schemes a bulletin may be scored with: unit schemes over the scope's children (a scheme
// with a peer kind, e.g. branches, ranks other subjects).
export const bulletinSchemes = (schemes = []) =>
  schemes.filter((s) => (s.subject_type || 'unit') === 'unit' && !s.peer_kind)

// "87.28%" | null → display text ('—' when the server has no rate, e.g. nothing to count).
export const rateText = (value) => (value === null || value === undefined || value === '' ? '—' : String(value))
