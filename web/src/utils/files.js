// File helpers for uploads and imports.

// Uploads are refused by the server above 20 MB (docs/API-LOOP.md).
export const MAX_FILE_BYTES = 20 * 1024 * 1024

const TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  csv: 'text/csv',
  ics: 'text/calendar',
  json: 'application/json',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  txt: 'text/plain',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
}

// What the server takes as evidence (it sniffs the content; docs/API-LOOP.md).
export const EVIDENCE_EXTENSIONS = ['pdf', 'png', 'jpg', 'jpeg', 'doc', 'docx', 'xls', 'xlsx', 'pptx', 'txt']

// Why `file` ({name, size}) cannot be sent as evidence: 'tooLarge', 'type', or '' when it can.
export function evidenceProblem(file) {
  if (Number(file?.size) > MAX_FILE_BYTES) return 'tooLarge'
  if (!EVIDENCE_EXTENSIONS.includes(fileExtension(file?.name))) return 'type'
  return ''
}

export function fileExtension(name) {
  const m = /\.([A-Za-z0-9]+)$/.exec(String(name ?? ''))
  return m ? m[1].toLowerCase() : ''
}

// The Content-Type to send a file with, from its name ('' when unknown).
export function contentTypeFor(name) {
  return TYPES[fileExtension(name)] || ''
}

// 1536 → "1.5 KB".
export function formatSize(bytes) {
  const n = Number(bytes)
  if (!Number.isFinite(n) || n < 0) return ''
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}

// Lets the browser download a same-origin URL (the session cookie goes along).
export function download(url) {
  const a = document.createElement('a')
  a.href = url
  a.rel = 'noopener'
  a.download = ''
  document.body.appendChild(a)
  a.click()
  a.remove()
}
