// Files sent as they are to an import route (facilities, residents): the largest the server reads,
// the media type to send, and what the console checks of a chosen file before sending it.

/** The largest file an import route reads (32 MiB). */
export const IMPORT_MAX_BYTES = 32 * 1024 * 1024

/** The names an import file may have: a filled-in template as Excel, or a CSV. */
export const IMPORT_EXTENSIONS = ['.xlsx', '.csv'] as const

const UPLOAD_TYPES: ReadonlySet<string> = new Set([
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/csv',
  'application/vnd.ms-excel',
  'application/octet-stream',
])

/**
 * The media type to send a chosen file with: the browser's own where the route takes it (a CSV is
 * text/csv here, application/vnd.ms-excel on Windows), else octet-stream: the server tells .xlsx
 * and CSV apart by their content.
 */
export function uploadType(file: { type: string }): string {
  return UPLOAD_TYPES.has(file.type) ? file.type : 'application/octet-stream'
}

/** Why a chosen file is not sent: not .xlsx or .csv, empty, or larger than the server reads. */
export type ImportFileProblem = 'extension' | 'empty' | 'tooLarge'

/**
 * What is wrong with a file chosen for an import, checked before it is sent; null when nothing.
 * `maxBytes`: the largest file the route reads, when it reads less than most (a class list: 4 MB).
 */
export function importFileProblem(file: { name: string; size: number }, maxBytes = IMPORT_MAX_BYTES): ImportFileProblem | null {
  const name = file.name.trim().toLowerCase()
  if (!IMPORT_EXTENSIONS.some((ext) => name.endsWith(ext) && name.length > ext.length)) return 'extension'
  if (file.size === 0) return 'empty'
  if (file.size > maxBytes) return 'tooLarge'
  return null
}
