// The import of household registers (居民导入): which unit a file is imported into, whether an
// import is still going (and so followed), the colour of each state, and the problems of a refused
// file put in the order of the file — by line, then by the template's columns — with the
// file-level ones (and the count of those left out past the first 1,000) apart.
import type { ResidentImport, ResidentImportProblem, ResidentImportState } from '@/api/residents'
import { codeLevel } from './codes'
import { pollJob, type Poller } from './poll'

export const IMPORT_STATES = ['queued', 'running', 'imported', 'refused', 'failed'] as const satisfies readonly ResidentImportState[]

/** How often an import still going is asked for (ms). */
export const IMPORT_POLL_MS = 1000

/** How many problems the server lists; past that it adds one saying how many there were. */
export const LISTED_PROBLEMS_MAX = 1000

/** The template's headings (zh, as the server names a problem's column), in the template's order. */
export const IMPORT_COLUMNS = [
  '户编号',
  '网格编码',
  '住址',
  '户类型',
  '经度',
  '纬度',
  '姓名',
  '公民身份号码',
  '与户主关系',
  '联系电话',
  '民族',
  '户籍类型',
  '迁入日期',
  '人群标签',
  '残疾类别',
  '残疾等级',
] as const

/** The field of a problem about the file as a whole (unreadable, the count of problems left out). */
export const FILE_FIELD = 'file'

/** Queued or running: its state and progress will still change, so the page keeps asking. */
export function isImportActive(state: ResidentImportState): boolean {
  return state === 'queued' || state === 'running'
}

export function hasActiveImports(imports: readonly Pick<ResidentImport, 'state'>[]): boolean {
  return imports.some((i) => isImportActive(i.state))
}

export type ImportTagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

const TAG_TYPES: Record<ResidentImportState, ImportTagType> = {
  queued: 'info',
  running: 'primary',
  imported: 'success',
  refused: 'warning',
  failed: 'danger',
}

export function importStateTagType(state: ResidentImportState): ImportTagType {
  return TAG_TYPES[state]
}

export interface ImportFollower {
  /** Asks the server for the import (GET /imports/{id}). */
  fetch: (signal: AbortSignal) => Promise<ResidentImport>
  /** Every answer, the final one included. */
  onUpdate: (imp: ResidentImport) => void
  /** The import could not be followed (after a few network failures in a row). */
  onError: (error: unknown) => void
}

/**
 * Follows an import the server answered with (`first`): asks again every IMPORT_POLL_MS while it is
 * queued or running, never two requests at once, and stops once it has ended or when stop() is
 * called (the page is left, another import is shown). One that has ended is not asked for again.
 */
export function followImport(first: ResidentImport, follower: ImportFollower): Poller {
  return pollJob(first, {
    ...follower,
    isFinal: (imp) => !isImportActive(imp.state),
    intervalMs: IMPORT_POLL_MS,
  })
}

// ---- the unit ----------------------------------------------------------------------------------

/** Why a unit cannot take an import: none chosen, or not a township nor a village/community. */
export type ImportUnitProblem = 'none' | 'level'

/** A township (乡镇/街道) or a village/community (村/社区) takes an import; a grid, a county do not. */
export function importUnitProblem(code: string | null | undefined): ImportUnitProblem | null {
  if (!code) return 'none'
  const level = codeLevel(code)
  return level === 4 || level === 5 ? null : 'level'
}

/**
 * The unit the page starts with: the caller's own unit (a grid worker's grid: its community); else
 * the working unit the same way; else none (a county official chooses one).
 */
export function defaultImportUnit(own: string | null | undefined, working: string | null | undefined): string {
  for (const code of [own, working]) {
    if (!code) continue
    if (code.length === 15) return code.slice(0, 12)
    if (!importUnitProblem(code)) return code
  }
  return ''
}

// ---- the problems of a refused file ------------------------------------------------------------

export interface ImportProblems {
  /** About the file as a whole (line 0): what the server said, in its order. */
  file: ResidentImportProblem[]
  /** Each bad cell, by line, then in the template's column order. */
  cells: ResidentImportProblem[]
  /** How many problems the file has in all (more than listed when the server stopped at 1,000). */
  total: number
  /** How many different lines have a bad cell among those listed. */
  lines: number
  /** The server listed only part of them. */
  truncated: boolean
}

function columnIndex(field: string): number {
  const i = (IMPORT_COLUMNS as readonly string[]).indexOf(field)
  return i < 0 ? IMPORT_COLUMNS.length : i
}

/** A refused import's problems, put in order; `problemCount` is the count the server gives. */
export function importProblems(imp: Pick<ResidentImport, 'problems' | 'problemCount'>): ImportProblems {
  const file: ResidentImportProblem[] = []
  const cells: ResidentImportProblem[] = []
  for (const p of imp.problems) {
    if (p.line > 0 && p.field !== FILE_FIELD) cells.push(p)
    else file.push(p)
  }
  cells.sort((a, b) => a.line - b.line || columnIndex(a.field) - columnIndex(b.field))
  const listed = cells.length + file.length
  const truncated = imp.problems.length > LISTED_PROBLEMS_MAX || imp.problemCount > listed
  // With the summary the server adds past 1,000, the listed ones are one more than the real ones.
  const total = Math.max(imp.problemCount, truncated ? cells.length : listed)
  return { file, cells, total, lines: new Set(cells.map((c) => c.line)).size, truncated }
}

export interface LineProblems {
  line: number
  problems: ResidentImportProblem[]
}

/** Cells in order, one group per line (a phone shows a card per line of the file). */
export function problemsByLine(cells: readonly ResidentImportProblem[]): LineProblems[] {
  const groups: LineProblems[] = []
  for (const p of cells) {
    const last = groups[groups.length - 1]
    if (last && last.line === p.line) last.problems.push(p)
    else groups.push({ line: p.line, problems: [p] })
  }
  return groups
}

/** One page of a list the page holds whole (1-based), the last page when `page` is past it. */
export function pageOf<T>(items: readonly T[], page: number, pageSize: number): T[] {
  const pages = Math.max(1, Math.ceil(items.length / pageSize))
  const p = Math.min(Math.max(1, Math.floor(page)), pages)
  return items.slice((p - 1) * pageSize, p * pageSize)
}

/** Why the server could not finish a failed import: its first problem, if it gave one. */
export function failureReason(imp: Pick<ResidentImport, 'problems'>): string {
  return imp.problems[0]?.reason ?? ''
}
