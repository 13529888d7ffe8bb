// Siting runs: progress as a percentage, final states, and the errors of a run put where the
// form can show them (by field) — whether they came from the POST or from a failed run.
import type { SitingError, SitingJob, SitingState } from '@/api/access'
import { ApiError, errorMessage, type FieldError } from './request'

export function isFinalState(state: SitingState): boolean {
  return state === 'done' || state === 'failed' || state === 'cancelled'
}

export function isFinalJob(job: Pick<SitingJob, 'state'>): boolean {
  return isFinalState(job.state)
}

/** 0.4 → 40; clamped to 0–100, whole numbers (the progress bar's scale). */
export function progressPercent(progress: number | null | undefined): number {
  if (typeof progress !== 'number' || !Number.isFinite(progress)) return 0
  return Math.round(Math.min(1, Math.max(0, progress)) * 100)
}

/** The field list of a run's error body, whichever shape it has. */
export function sitingErrorFields(error: SitingError): FieldError[] {
  if (Array.isArray(error.details)) return error.details
  const fields = error.fields
  if (Array.isArray(fields)) return fields
  if (fields && typeof fields === 'object') {
    return Object.entries(fields).map(([field, reason]) => ({ field, reason: String(reason) }))
  }
  return []
}

export interface FormErrors {
  /** Reasons by form field. */
  fields: Record<string, string>
  /** The error's message. */
  message: string
  /** Reasons about fields the form does not have (the unit, the tier). */
  others: string[]
}

/** Splits an error into the reasons the form shows next to its fields (`formFields`) and the rest. */
export function formErrors(error: unknown, formFields: readonly string[]): FormErrors {
  let message: string
  let details: FieldError[]
  if (error instanceof ApiError) {
    message = error.message
    details = error.details
  } else if (error && typeof error === 'object' && typeof (error as SitingError).message === 'string') {
    message = (error as SitingError).message
    details = sitingErrorFields(error as SitingError)
  } else {
    return { fields: {}, message: errorMessage(error), others: [] }
  }
  const fields: Record<string, string> = {}
  const others: string[] = []
  for (const d of details) {
    if (formFields.includes(d.field)) fields[d.field] = d.reason
    else others.push(d.reason)
  }
  return { fields, message, others }
}
