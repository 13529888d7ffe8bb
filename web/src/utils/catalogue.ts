// The catalogue page's own logic (诉求分类管理): a category to and from the dialog's form, the
// body of a change or an addition, the server's reasons by field and by question row (a row keeps
// its reasons when it is moved), the hint for a new code, and the groups with their categories.
import type { CategoryAddition, CategoryChange, RequestAttribute, RequestCategory, TimeLimitClass } from '@/api/requests'
import type { FieldError } from '@/utils/request'

export type QuestionType = RequestAttribute['type']

/** One question as the dialog edits it; `id` names the row whatever its place. */
export interface QuestionRow {
  id: number
  key: string
  labelZh: string
  labelEn: string
  type: QuestionType
  required: boolean
  choices: string[]
}

export interface CategoryForm {
  /** The group of a new category; '' for a group. */
  parent: string
  /** A new category's code after "<group>.", or a new group's code. */
  codeSuffix: string
  nameZh: string
  nameEn: string
  timeLimit: TimeLimitClass
  level: number
  active: boolean
  questions: QuestionRow[]
}

let nextRowId = 1

export function emptyQuestion(): QuestionRow {
  return { id: nextRowId++, key: '', labelZh: '', labelEn: '', type: 'text', required: false, choices: [] }
}

/** A new category under `parent`, or a new group when `parent` is ''. */
export function emptyForm(parent = ''): CategoryForm {
  return { parent, codeSuffix: '', nameZh: '', nameEn: '', timeLimit: 'general', level: 5, active: true, questions: [] }
}

export function formOf(c: RequestCategory): CategoryForm {
  return {
    parent: c.parent ?? '',
    codeSuffix: c.parent ? c.code.slice(c.parent.length + 1) : c.code,
    nameZh: c.names.zh,
    nameEn: c.names.en,
    timeLimit: c.timeLimit,
    level: c.level,
    active: c.active,
    questions: c.attributes.map((a) => ({
      id: nextRowId++,
      key: a.key,
      labelZh: a.labels.zh,
      labelEn: a.labels.en,
      type: a.type,
      required: a.required,
      choices: [...(a.choices ?? [])],
    })),
  }
}

function attributesOf(form: CategoryForm): CategoryChange['attributes'] {
  return form.questions.map((q) => ({
    key: q.key.trim(),
    labels: { zh: q.labelZh.trim(), en: q.labelEn.trim() },
    type: q.type,
    required: q.required,
    // Only a choice has choices: those typed before the type was changed are not sent.
    choices: q.type === 'choice' ? q.choices.map((c) => c.trim()).filter((c) => c !== '') : [],
  }))
}

/** The body of a change, with the version last read. */
export function changeOf(form: CategoryForm, version: number): CategoryChange {
  return {
    names: { zh: form.nameZh.trim(), en: form.nameEn.trim() },
    timeLimit: form.timeLimit,
    level: form.level,
    active: form.active,
    attributes: attributesOf(form),
    version,
  }
}

/** The code a new category or group will have. */
export function codeOf(form: CategoryForm): string {
  const suffix = form.codeSuffix.trim()
  return form.parent ? `${form.parent}.${suffix}` : suffix
}

/** The body of an addition: a category under its group, or a group (no parent). */
export function additionOf(form: CategoryForm): CategoryAddition {
  const body: CategoryAddition = {
    code: codeOf(form),
    names: { zh: form.nameZh.trim(), en: form.nameEn.trim() },
    timeLimit: form.timeLimit,
    level: form.level,
    attributes: attributesOf(form),
  }
  if (form.parent) body.parent = form.parent
  return body
}

/**
 * What is wrong with a new code as typed, as a message key of the catalogue page, or null when it
 * is well formed: a group's code is 2–20 lower-case letters, a category's part after "<group>." is
 * 2–30 of a–z, 0–9 and _, starting with a letter (the server's rules).
 */
export function codeHint(form: Pick<CategoryForm, 'parent' | 'codeSuffix'>): string | null {
  const suffix = form.codeSuffix.trim()
  if (suffix === '') return 'requests.catalogue.codeRequired'
  if (form.parent) return /^[a-z][a-z0-9_]{1,29}$/.test(suffix) ? null : 'requests.catalogue.codeHintCategory'
  return /^[a-z]{2,20}$/.test(suffix) ? null : 'requests.catalogue.codeHintGroup'
}

/** The form's fields the server names in its reasons (a question's field is per row). */
export type FormField = 'code' | 'names.zh' | 'names.en' | 'timeLimit' | 'level' | 'active' | 'attributes'
export type QuestionField = 'key' | 'labels.zh' | 'labels.en' | 'type' | 'required' | 'choices'

export interface CatalogueErrors {
  /** By the category's field ("names.zh"); anything not at a field of the form under "". */
  fields: Record<string, string>
  /** By question row id, then the question's field ("choices"). */
  rows: Record<number, Record<string, string>>
}

const QUESTION_FIELD = /^attributes\[(\d+)\]\.(.+)$/

/**
 * The server's reasons where the dialog shows them: "attributes[1].choices" at the second
 * question's choices as the rows stood when the form was sent (`rows`: their ids in that order),
 * "names.zh" at the Chinese name; two reasons for one field are both shown.
 */
export function catalogueErrors(details: readonly FieldError[], rows: readonly number[], separator = '; '): CatalogueErrors {
  const out: CatalogueErrors = { fields: {}, rows: {} }
  const add = (into: Record<string, string>, field: string, reason: string) => {
    into[field] = into[field] ? `${into[field]}${separator}${reason}` : reason
  }
  for (const d of details) {
    const question = QUESTION_FIELD.exec(d.field)
    const id = question ? rows[Number(question[1])] : undefined
    if (question && id !== undefined) {
      add((out.rows[id] ??= {}), question[2]!.replace(/\[\d+\]$/, ''), d.reason)
    } else {
      add(out.fields, d.field === 'parent' ? 'code' : d.field.replace(/\[\d+\]$/, ''), d.reason)
    }
  }
  return out
}

/** Whether every reason has a field of the dialog to stand at (else the general message is shown too). */
export function allAtFields(errors: CatalogueErrors): boolean {
  const known = new Set<string>(['code', 'names.zh', 'names.en', 'timeLimit', 'level', 'active', 'attributes'])
  return Object.keys(errors.fields).every((f) => known.has(f))
}

/** A group with its categories, as the tree table shows them. */
export interface CatalogueRow extends RequestCategory {
  children?: CatalogueRow[]
}

/**
 * The groups in the server's order, each with its categories; without `withdrawn`, those withdrawn
 * from intake (停用) are left out (a withdrawn group with all its categories too).
 */
export function groupsOf(items: readonly RequestCategory[], withdrawn: boolean): CatalogueRow[] {
  const shown = (c: RequestCategory) => withdrawn || c.active
  const groups: CatalogueRow[] = items.filter((c) => c.parent === null && shown(c)).map((g) => ({ ...g, children: [] }))
  const byCode = new Map(groups.map((g) => [g.code, g]))
  for (const c of items) {
    if (c.parent === null || !shown(c)) continue
    byCode.get(c.parent)?.children!.push({ ...c })
  }
  return groups
}

/** Moves a question one place up (-1) or down (+1); nothing at either end. */
export function moveQuestion(questions: QuestionRow[], index: number, by: -1 | 1): void {
  const to = index + by
  if (to < 0 || to >= questions.length) return
  const [row] = questions.splice(index, 1)
  questions.splice(to, 0, row!)
}
