// Pure helpers of the residents pages (实有人口): hints about an ID number as it is typed (the
// server is the authority: src/privacy/validators.cpp), ages, a disability's kind and grade, what
// the exact search box holds, and which form field a server's reason belongs to.
import {
  DISABILITY_GRADES,
  DISABILITY_KINDS,
  SENSITIVE_TAGS,
  TAG_KEYS,
  type DisabilityKind,
  type TagInput,
  type TagKey,
} from '@/api/residents'
import type { FieldError } from '@/utils/request'
import { formErrors } from '@/utils/facility'
import { isMobile, phoneDigits } from '@/utils/phone'

// ---- ID numbers (公民身份号码, GB 11643-1999) ---------------------------------------------------

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARACTERS = '10X98765432'

/** The check character (ISO 7064 MOD 11-2) of the first 17 digits of an ID number. */
export function residentIdCheckCharacter(body: string): string {
  if (!/^\d{17}$/.test(body)) throw new Error('an ID number body is 17 digits')
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * WEIGHTS[i]!
  return CHECK_CHARACTERS[sum % 11]!
}

/** An ID number as typed, as the server takes it: full-width digits plain, spaces gone, x upper-case. */
export function normaliseResidentId(input: string): string {
  return input
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\uFF58\uFF38]/g, 'X')
    .replace(/[\s\u3000]/g, '')
    .replace(/x$/, 'X')
}

function isRealDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso
}

export type ResidentIdProblem = 'length' | 'characters' | 'birthDate' | 'checkCharacter'

/**
 * What is wrong with an ID number, first thing first, or null: 18 characters, 17 digits and a
 * digit or X, a real date of birth from 1900 to `today` (YYYY-MM-DD), the right check character.
 * A hint only: the server checks the region code too, and decides.
 */
export function residentIdProblem(id: string, today: string): ResidentIdProblem | null {
  if (id.length !== 18) return 'length'
  if (!/^\d{17}[\dX]$/.test(id)) return 'characters'
  const birth = residentIdBirthDate(id)
  if (!isRealDate(birth) || birth < '1900-01-01' || birth > today) return 'birthDate'
  if (residentIdCheckCharacter(id.slice(0, 17)) !== id[17]) return 'checkCharacter'
  return null
}

/** The date of birth an 18-character ID number states (YYYY-MM-DD), as the server reads it. */
export function residentIdBirthDate(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
}

/** The sex an ID number states: its 17th digit, odd for men. */
export function residentIdSex(id: string): 'male' | 'female' {
  return Number(id[16]) % 2 === 1 ? 'male' : 'female'
}

// ---- ages -------------------------------------------------------------------------------------------

/** Full years from a date of birth to `today` (both YYYY-MM-DD); null if either is unreadable. */
export function ageOn(birthDate: string, today: string): number | null {
  const pattern = /^(\d{4})-(\d{2})-(\d{2})$/
  const b = pattern.exec(birthDate)
  const t = pattern.exec(today)
  if (!b || !t) return null
  let years = Number(t[1]) - Number(b[1])
  if (`${t[2]}-${t[3]}` < `${b[2]}-${b[3]}`) years -= 1
  return years < 0 ? null : years
}

// ---- tags -------------------------------------------------------------------------------------------

/** The tags a user may see and set, in the server's order: the sensitive ones only with the right. */
export function visibleTagKeys(maySeeSensitive: boolean): TagKey[] {
  return TAG_KEYS.filter((k) => maySeeSensitive || !SENSITIVE_TAGS.has(k))
}

/** A disability's kind and grade from a tag's detail ("physical:2"); null when it names none. */
export function parseDisability(detail: string): { kind: DisabilityKind; grade: number } | null {
  const m = /^([a-z]+):([1-4])$/.exec(detail)
  if (!m) return null
  const kind = DISABILITY_KINDS.find((k) => k === m[1])
  return kind ? { kind, grade: Number(m[2]) } : null
}

/** A disability tag's detail as the server takes it; "" until both are chosen. */
export function disabilityDetail(kind: string, grade: number | null | undefined): string {
  return kind && grade && (DISABILITY_GRADES as readonly number[]).includes(grade) ? `${kind}:${grade}` : ''
}

/** Two lists of tags say the same (order aside). */
export function sameTags(a: readonly TagInput[], b: readonly TagInput[]): boolean {
  const text = (tags: readonly TagInput[]) =>
    tags
      .map((t) => `${t.key}=${t.detail ?? ''}`)
      .sort()
      .join('|')
  return text(a) === text(b)
}

// ---- the exact search box ---------------------------------------------------------------------------

/**
 * What the exact search box holds: an ID number (18 characters) or a mobile (11 digits), as the
 * server searches for them; null when it is neither (half typed), '' when empty.
 */
export function exactSearch(input: string): { idNumber: string } | { phone: string } | null | '' {
  const text = input.trim()
  if (!text) return ''
  const id = normaliseResidentId(text)
  if (/^\d{17}[\dX]$/.test(id)) return { idNumber: id }
  const phone = phoneDigits(text)
  if (isMobile(phone)) return { phone }
  return null
}

// ---- the server's reasons at the form's fields ------------------------------------------------------

/**
 * The server's reasons by the form field they belong to: a tag's ("tags[1]", "tags[1].detail")
 * under the tags, the rest under their own names; several for one field joined.
 */
export function residentFormErrors(details: readonly FieldError[], separator = '; '): Record<string, string> {
  return formErrors(
    details.map((d) => ({ ...d, field: /^tags\[\d+\]/.test(d.field) ? 'tags' : d.field })),
    separator,
  )
}

/** The file a subject-access export is saved as: named by the resident's number. */
export function exportFileName(id: number): string {
  return `resident-${id}.json`
}
