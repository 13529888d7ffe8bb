// Community workers and training (社区工作者队伍与培训): what the pages compute from the server's
// shapes — what the exact search box holds, the bodies the forms send (a phone only when one was
// typed: the current one is only ever shown masked), where a post and a course stand, what may be
// done with a course today, and a refused class list put in order. The server decides every rule
// (src/workforce); these only choose what to offer and what to send.
import {
  POSITIONS,
  type ChangeFields,
  type Course,
  type Position,
  type Qualification,
  type RegisterFields,
  type WorkforcePost,
} from '@/api/workforce'
import { phoneDigits } from './phone'
import { withoutEmpty, type FieldError } from './request'
import { normaliseResidentId, residentIdProblem, type ResidentIdProblem } from './residents'

// ---- posts ------------------------------------------------------------------------------------------

/** The six posts of which a worker holds one at a time (src/workforce/model.cpp is_main_post). */
const MAIN_POSITIONS: ReadonlySet<Position> = new Set(POSITIONS.slice(0, 6))

export function isMainPosition(position: Position): boolean {
  return MAIN_POSITIONS.has(position)
}

/**
 * The main post a worker holds today, which must end before another main post starts (the server
 * refuses a second one with 409): the start-post dialog says so rather than let it be refused.
 */
export function mainPostInForce<P extends Pick<WorkforcePost, 'position' | 'startedOn' | 'endedOn'>>(posts: readonly P[], today: string): P | null {
  return posts.find((p) => isMainPosition(p.position) && p.endedOn === null && p.startedOn <= today) ?? null
}

// ---- the exact search -------------------------------------------------------------------------------

/**
 * What the exact search box holds: a whole ID number as the server takes it, '' when the box is
 * empty, or why it is no ID number yet (checked here: the server would only say the same).
 */
export function idNumberSearch(input: string, today: string): { idNumber: string } | { problem: ResidentIdProblem } | '' {
  const id = normaliseResidentId(input.trim())
  if (!id) return ''
  const problem = residentIdProblem(id, today)
  return problem ? { problem } : { idNumber: id }
}

// ---- the forms' bodies ------------------------------------------------------------------------------

export interface WorkerForm {
  unit: string
  name: string
  phone: string
  idNumber: string
  qualification: Qualification
  certificateNumber: string
  socialService: boolean
  position: Position
  startedOn: string
}

/**
 * A new worker as the server takes it: the name trimmed, the phone's digits, the ID number as
 * typed made plain (full-width digits, spaces, a lower-case x), and a certificate number only with
 * a qualification (the server refuses one without).
 */
export function registerBody(form: WorkerForm): RegisterFields {
  return withoutEmpty({
    unit: form.unit,
    name: form.name.trim(),
    phone: phoneDigits(form.phone),
    idNumber: normaliseResidentId(form.idNumber),
    qualification: form.qualification,
    certificateNumber: form.qualification === 'none' ? '' : form.certificateNumber.trim(),
    socialService: form.socialService,
    position: form.position,
    startedOn: form.startedOn,
  })
}

export interface ChangeForm {
  /** A new phone, or '' to keep the one on record (shown masked, never sent back). */
  phone: string
  qualification: Qualification
  certificateNumber: string
  socialService: boolean
}

/** A change as the server takes it, with the version last read: the phone only when a new one was typed. */
export function changeBody(form: ChangeForm, version: number): ChangeFields {
  const phone = phoneDigits(form.phone)
  const body = {
    qualification: form.qualification,
    certificateNumber: form.qualification === 'none' ? '' : form.certificateNumber.trim(),
    socialService: form.socialService,
    version,
    ...(phone ? { phone } : {}),
  }
  return withoutEmpty(body) as ChangeFields
}

// ---- courses ----------------------------------------------------------------------------------------

/** Before its first day, on its days, or over. */
export type CoursePhase = 'upcoming' | 'ongoing' | 'ended'

export function coursePhase(course: Pick<Course, 'startsOn' | 'endsOn'>, today: string): CoursePhase {
  if (today < course.startsOn) return 'upcoming'
  if (today <= course.endsOn) return 'ongoing'
  return 'ended'
}

/** What the server allows with a course today: enrolling until it ends, a completion from its first day. */
export function courseActions(course: Pick<Course, 'startsOn' | 'endsOn'>, today: string): { enrol: boolean; record: boolean } {
  return { enrol: today <= course.endsOn, record: today >= course.startsOn }
}

/** The completion date a form starts from: the course's last day, or today while it runs. */
export function defaultCompletedOn(course: Pick<Course, 'startsOn' | 'endsOn'>, today: string): string {
  return today < course.endsOn ? today : course.endsOn
}

/** The years a course list can be filtered by: this year back to 2020 (the server's first). */
export function courseYears(thisYear: number, first = 2020): number[] {
  const years: number[] = []
  for (let y = thisYear; y >= first; y--) years.push(y)
  return years
}

// ---- a refused class list ---------------------------------------------------------------------------

/** The class list's columns, in the template's order (src/workforce/training_service.cpp). */
export const CLASS_LIST_COLUMNS = ['身份证号', '姓名', '结业日期', '学时'] as const

export interface ClassListProblems {
  /** About the file as a whole (no line): not a class list, no rows, too many. */
  file: FieldError[]
  /** Each bad cell, by line, then in the template's column order. */
  rows: (FieldError & { line: number })[]
  /** How many different lines are refused. */
  lines: number
}

function columnIndex(field: string): number {
  const i = (CLASS_LIST_COLUMNS as readonly string[]).indexOf(field)
  return i < 0 ? CLASS_LIST_COLUMNS.length : i
}

/** The reasons a class list was refused, in the order a person corrects the file. */
export function classListProblems(details: readonly FieldError[]): ClassListProblems {
  const file: FieldError[] = []
  const rows: (FieldError & { line: number })[] = []
  for (const d of details) {
    if (d.line !== undefined && d.line > 0) rows.push({ ...d, line: d.line })
    else file.push(d)
  }
  rows.sort((a, b) => a.line - b.line || columnIndex(a.field) - columnIndex(b.field))
  return { file, rows, lines: new Set(rows.map((r) => r.line)).size }
}
