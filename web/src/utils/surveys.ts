// The survey pages' logic, apart from the pages (满意度调查): the status filter as the address
// carries it, which actions a survey's status and the caller's permissions allow, the builder's form
// to and from what the API takes (with the checks the server makes, and the server's reasons back
// at the builder's fields), which earlier questions a condition (仅当…时显示) may name, which
// questions an answer form shows given the answers so far, the checks before answers are sent and
// what is sent, and how the results read a rating: the mean with its 95% interval, and when the
// sample is too small to read much into it.
import {
  QUESTION_KINDS,
  SURVEY_LIMITS,
  SURVEY_STATUSES,
  type Answer,
  type Question,
  type QuestionKind,
  type QuestionOption,
  type RatingResult,
  type Survey,
  type SurveyFields,
  type SurveyPer,
  type SurveyStatus,
} from '@/api/surveys'
import { codeLevel } from './codes'
import { allows } from './permission'
import type { FieldError } from './request'

export const SURVEY_READ = 'surveys:survey:read'
export const SURVEY_WRITE = 'surveys:survey:write'
export const RESPONSE_COLLECT = 'surveys:response:collect'
export const SURVEY_ANSWER = 'surveys:survey:answer'

// ---- the address ---------------------------------------------------------------------------------

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value
}

/** ?status=open: a status the list filters by; '' for none or one the server does not know. */
export function statusFromQuery(value: unknown): SurveyStatus | '' {
  const v = first(value)
  return SURVEY_STATUSES.find((s) => s === v) ?? ''
}

/** ?questionsVersion=2: a version of the questions; null for none or anything but a positive number. */
export function versionFromQuery(value: unknown): number | null {
  const v = first(value)
  if (typeof v !== 'string' || !/^[1-9]\d{0,5}$/.test(v)) return null
  return Number(v)
}

/** ?unit=620102001001: a unit code; '' for none or anything else. */
export function unitFromQuery(value: unknown): string {
  const v = first(value)
  return typeof v === 'string' && /^\d{12}$/.test(v) ? v : ''
}

// ---- actions -------------------------------------------------------------------------------------

export type SurveyAction = 'edit' | 'publish' | 'close' | 'collect' | 'results'

/**
 * The buttons a survey of `status` offers to someone holding `permissions`: a writer edits a draft
 * or a published survey not closed yet (once published: its title, description, end and
 * questions), publishes a draft and closes one published; staff who collect fill it in for a
 * resident while it is open; its results are there once published. The server checks the rest.
 */
export function surveyActions(status: SurveyStatus, permissions: readonly string[]): SurveyAction[] {
  const write = allows(permissions, SURVEY_WRITE)
  const out: SurveyAction[] = []
  if (write && status !== 'closed') out.push('edit')
  if (write && status === 'draft') out.push('publish')
  if (write && (status === 'scheduled' || status === 'open')) out.push('close')
  if (status === 'open' && allows(permissions, RESPONSE_COLLECT)) out.push('collect')
  if (status !== 'draft' && allows(permissions, SURVEY_READ)) out.push('results')
  return out
}

/** The colour of a status's tag. */
export function statusTag(status: SurveyStatus): 'info' | 'warning' | 'success' | 'primary' {
  switch (status) {
    case 'scheduled':
      return 'warning'
    case 'open':
      return 'success'
    case 'closed':
      return 'primary'
    default:
      return 'info'
  }
}

// ---- the builder -----------------------------------------------------------------------------------

/** The builder's fields as typed (times in this browser's time, sent as UTC). */
export interface SurveyForm {
  unit: string
  title: string
  description: string
  anonymous: boolean
  per: SurveyPer
  target: string[]
  opensAt: Date | null
  closesAt: Date | null
  questions: Question[]
}

/** What may no longer change once a survey is published (the server refuses a change of them). */
export const LOCKED_ONCE_PUBLISHED = ['unit', 'anonymous', 'per', 'target', 'opensAt'] as const

/** The units that own surveys: counties, townships, villages and communities. */
export function mayOwn(code: string): boolean {
  const level = codeLevel(code)
  return level >= 3 && level <= 5
}

export function isChoice(kind: QuestionKind): boolean {
  return kind === 'single' || kind === 'multiple'
}

/** The smallest `<prefix><n>` (n ≥ 1) not among `taken`: "q3", "o2". */
export function nextId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken)
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`
}

/** A new question of `kind` after those there are: a fresh id; two empty options for a choice. */
export function newQuestion(questions: readonly Question[], kind: QuestionKind = 'single'): Question {
  const id = nextId('q', questions.map((q) => q.id))
  return { id, kind, title: '', required: true, options: isChoice(kind) ? [{ id: 'o1', label: '' }, { id: 'o2', label: '' }] : [], showIf: null }
}

/** An option added to a choice question, with a fresh id. */
export function newOption(question: Question): QuestionOption {
  return { id: nextId('o', question.options.map((o) => o.id)), label: '' }
}

/**
 * The questions a condition of question `index` may name: the earlier single and multiple choice
 * questions (the server refuses anything else), each with its number (1-based) for the label.
 */
export function showIfChoices(questions: readonly Question[], index: number): { question: Question; number: number }[] {
  return questions
    .slice(0, Math.max(0, index))
    .map((question, i) => ({ question, number: i + 1 }))
    .filter(({ question }) => isChoice(question.kind))
}

/**
 * Keeps every condition pointing at an earlier choice question and at options it has: after a
 * question was moved, removed or changed kind, a condition that no longer holds is dropped (its
 * question shown always), and options removed are taken off it. Returns the numbers (1-based) of
 * the questions whose condition was dropped, for the builder to say so.
 */
export function tidyConditions(questions: Question[]): number[] {
  const dropped: number[] = []
  questions.forEach((q, i) => {
    if (!q.showIf) return
    const target = questions.slice(0, i).find((p) => p.id === q.showIf!.question)
    if (!target || !isChoice(target.kind)) {
      q.showIf = null
      dropped.push(i + 1)
      return
    }
    const kept = q.showIf.options.filter((o) => target.options.some((t) => t.id === o))
    if (kept.length !== q.showIf.options.length) q.showIf = { ...q.showIf, options: kept }
  })
  return dropped
}

/** Moves a question up (-1) or down (+1); the conditions that no longer hold are dropped (their numbers returned). */
export function moveQuestion(questions: Question[], index: number, by: -1 | 1): number[] {
  const to = index + by
  if (to < 0 || to >= questions.length) return []
  const [q] = questions.splice(index, 1)
  questions.splice(to, 0, q!)
  return tidyConditions(questions)
}

export function removeQuestion(questions: Question[], index: number): number[] {
  questions.splice(index, 1)
  return tidyConditions(questions)
}

/** Another kind: a choice keeps its options (two empty ones when it had none), a rating or text has none. */
export function changeKind(questions: Question[], index: number, kind: QuestionKind): number[] {
  const q = questions[index]
  if (!q) return []
  q.kind = kind
  if (!isChoice(kind)) q.options = []
  else if (q.options.length === 0) q.options = [{ id: 'o1', label: '' }, { id: 'o2', label: '' }]
  return tidyConditions(questions)
}

/** A new survey: of `unit` when it may own one, for the unit itself, open from now (to the minute) for 30 days. */
export function emptySurveyForm(unit: string, now: Date): SurveyForm {
  const opens = new Date(now)
  opens.setSeconds(0, 0)
  const owner = unit && mayOwn(unit) ? unit : ''
  return {
    unit: owner,
    title: '',
    description: '',
    anonymous: true,
    per: 'resident',
    target: owner ? [owner] : [],
    opensAt: opens,
    closesAt: new Date(opens.getTime() + 30 * 86_400_000),
    questions: [newQuestion([], 'rating')],
  }
}

function copyQuestion(q: Question): Question {
  return {
    id: q.id,
    kind: q.kind,
    title: q.title,
    required: q.required,
    options: q.options.map((o) => ({ ...o })),
    showIf: q.showIf ? { question: q.showIf.question, options: [...q.showIf.options] } : null,
  }
}

/** A saved survey in the builder. */
export function surveyFormOf(survey: Survey): SurveyForm {
  const time = (iso: string) => {
    const d = new Date(iso)
    return Number.isNaN(d.getTime()) ? null : d
  }
  return {
    unit: survey.unit,
    title: survey.title,
    description: survey.description,
    anonymous: survey.anonymous,
    per: survey.per,
    target: [...survey.target],
    opensAt: time(survey.opensAt),
    closesAt: time(survey.closesAt),
    questions: survey.questions.map(copyQuestion),
  }
}

/**
 * What the API takes: texts trimmed, times as UTC timestamps, no options for a rating or a text
 * question. A field left empty goes as it is, for the server to say so at its field.
 */
export function surveyBody(form: SurveyForm): SurveyFields {
  return {
    unit: form.unit,
    title: form.title.trim(),
    description: form.description.trim(),
    anonymous: form.anonymous,
    per: form.per,
    target: [...form.target],
    opensAt: form.opensAt ? form.opensAt.toISOString() : '',
    closesAt: form.closesAt ? form.closesAt.toISOString() : '',
    questions: form.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      title: q.title.trim(),
      required: q.required,
      options: isChoice(q.kind) ? q.options.map((o) => ({ id: o.id, label: o.label.trim() })) : [],
      showIf: q.showIf ? { question: q.showIf.question, options: [...q.showIf.options] } : null,
    })),
  }
}

/** A reason the builder gives before sending: a message key under surveys.check, with its parameters. */
export interface Problem {
  key: string
  params?: Record<string, string | number>
}

const ID = /^[a-z0-9_]{1,20}$/

/**
 * The checks the server makes of a survey, made before sending so that the builder says at once
 * what is missing: by field, as the server names them ("questions[2].options"). The server checks
 * again and has the last word (the scope of the units, the target within the owner's area).
 */
export function checkSurvey(form: SurveyForm, now: Date = new Date()): Record<string, Problem> {
  const out: Record<string, Problem> = {}
  if (!form.unit) out.unit = { key: 'unitRequired' }
  else if (!mayOwn(form.unit)) out.unit = { key: 'unitLevel' }
  const title = form.title.trim()
  if (!title) out.title = { key: 'titleRequired' }
  else if ([...title].length > SURVEY_LIMITS.title) out.title = { key: 'tooLong', params: { max: SURVEY_LIMITS.title } }
  if ([...form.description.trim()].length > SURVEY_LIMITS.description) out.description = { key: 'tooLong', params: { max: SURVEY_LIMITS.description } }
  if (form.target.length === 0) out.target = { key: 'targetRequired' }
  if (!form.opensAt) out.opensAt = { key: 'opensRequired' }
  if (!form.closesAt) out.closesAt = { key: 'closesRequired' }
  else if (form.opensAt && form.closesAt.getTime() <= form.opensAt.getTime()) out.closesAt = { key: 'closesBeforeOpens' }
  else if (form.closesAt.getTime() <= now.getTime()) out.closesAt = { key: 'closesPast' }
  else if (form.opensAt && form.closesAt.getTime() - form.opensAt.getTime() > SURVEY_LIMITS.days * 86_400_000) {
    out.closesAt = { key: 'tooLongOpen', params: { days: SURVEY_LIMITS.days } }
  }
  if (form.questions.length === 0) out.questions = { key: 'questionsRequired' }
  else if (form.questions.length > SURVEY_LIMITS.questions) out.questions = { key: 'tooManyQuestions', params: { max: SURVEY_LIMITS.questions } }

  const ids = new Set<string>()
  form.questions.forEach((q, i) => {
    const at = `questions[${i}]`
    if (!ID.test(q.id) || ids.has(q.id)) out[`${at}.id`] = { key: 'questionId' }
    ids.add(q.id)
    if (!(QUESTION_KINDS as readonly string[]).includes(q.kind)) out[`${at}.kind`] = { key: 'kindRequired' }
    const qTitle = q.title.trim()
    if (!qTitle) out[`${at}.title`] = { key: 'questionTitleRequired' }
    else if ([...qTitle].length > SURVEY_LIMITS.questionTitle) out[`${at}.title`] = { key: 'tooLong', params: { max: SURVEY_LIMITS.questionTitle } }
    if (isChoice(q.kind)) {
      const { min, max } = SURVEY_LIMITS.options
      if (q.options.length < min || q.options.length > max) out[`${at}.options`] = { key: 'optionCount', params: { min, max } }
      const optionIds = new Set<string>()
      const labels = new Set<string>()
      q.options.forEach((o, j) => {
        const label = o.label.trim()
        if (!ID.test(o.id) || optionIds.has(o.id)) out[`${at}.options[${j}].id`] = { key: 'optionId' }
        optionIds.add(o.id)
        if (!label) out[`${at}.options[${j}].label`] = { key: 'optionRequired' }
        else if ([...label].length > SURVEY_LIMITS.optionLabel) out[`${at}.options[${j}].label`] = { key: 'tooLong', params: { max: SURVEY_LIMITS.optionLabel } }
        else if (labels.has(label)) out[`${at}.options[${j}].label`] = { key: 'optionTwice' }
        labels.add(label)
      })
    }
    if (q.showIf) {
      const earlier = form.questions.slice(0, i).find((p) => p.id === q.showIf!.question)
      if (!earlier || !isChoice(earlier.kind)) out[`${at}.showIf`] = { key: 'showIfQuestion' }
      else if (q.showIf.options.length === 0) out[`${at}.showIf`] = { key: 'showIfOptions' }
      else if (q.showIf.options.some((o) => !earlier.options.some((e) => e.id === o))) out[`${at}.showIf`] = { key: 'showIfOptions' }
    }
  })
  return out
}

/** The builder's fields that show the server's reasons at themselves (the rest go above the form). */
export const SURVEY_FORM_FIELDS = ['unit', 'title', 'description', 'anonymous', 'per', 'target', 'opensAt', 'closesAt', 'questions'] as const

/**
 * The server's reasons by the field they belong to: a question's ("questions[2].options",
 * "questions[2].options[1].label") as named, a unit of the target ("target[1]") at the target,
 * several for one field joined. Those no field of the builder shows come back apart.
 */
export function surveyFieldErrors(details: readonly FieldError[], separator = '；'): { fields: Record<string, string>; others: string[] } {
  const fields: Record<string, string> = {}
  const others: string[] = []
  for (const d of details) {
    let field = d.field
    if (!field.startsWith('questions[')) field = field.replace(/\[\d+\]$/, '')
    const known = field.startsWith('questions[') || (SURVEY_FORM_FIELDS as readonly string[]).includes(field)
    if (!known) {
      others.push(d.reason)
      continue
    }
    fields[field] = fields[field] ? `${fields[field]}${separator}${d.reason}` : d.reason
  }
  return { fields, others }
}

/** One question's reasons, from the builder's reasons by field: at its title, kind, options (and each option), condition, or the question as a whole. */
export interface QuestionErrors {
  title?: string
  kind?: string
  options?: string
  option: Record<number, string>
  showIf?: string
  other?: string
}

export function questionErrorsOf(errors: Readonly<Record<string, string>>, index: number, separator = '；'): QuestionErrors {
  const out: QuestionErrors = { option: {} }
  const prefix = `questions[${index}]`
  const add = (key: 'title' | 'kind' | 'options' | 'showIf' | 'other', reason: string) => {
    out[key] = out[key] ? `${out[key]}${separator}${reason}` : reason
  }
  for (const [field, reason] of Object.entries(errors)) {
    if (!field.startsWith(prefix)) continue
    const rest = field.slice(prefix.length)
    if (rest !== '' && !rest.startsWith('.')) continue // questions[1] is not questions[12]
    const option = /^\.options\[(\d+)\]/.exec(rest)
    if (option) {
      const j = Number(option[1])
      out.option[j] = out.option[j] ? `${out.option[j]}${separator}${reason}` : reason
    } else if (rest === '.title') add('title', reason)
    else if (rest === '.kind') add('kind', reason)
    else if (rest === '.options') add('options', reason)
    else if (rest.startsWith('.showIf')) add('showIf', reason)
    else add('other', reason)
  }
  return out
}

// ---- answering -------------------------------------------------------------------------------------

/** What an answer form holds for one question. */
export interface AnswerDraft {
  choices: string[]
  rating: number | null
  text: string
}

export type AnswerDrafts = Record<string, AnswerDraft>

export function emptyAnswers(questions: readonly Question[]): AnswerDrafts {
  return Object.fromEntries(questions.map((q) => [q.id, { choices: [], rating: null, text: '' }]))
}

/** Whether a question has an answer in the form. */
export function isAnswered(question: Question, draft: AnswerDraft | undefined): boolean {
  if (!draft) return false
  switch (question.kind) {
    case 'single':
    case 'multiple':
      return draft.choices.length > 0
    case 'rating':
      return draft.rating !== null
    case 'text':
      return draft.text.trim() !== ''
  }
}

/**
 * The questions shown, given the answers so far, in order: one with a condition is shown when the
 * question it names is shown and its answer includes one of the options named. (A question hidden
 * hides those that depend on it: its answer is not sent.)
 */
export function visibleQuestions(questions: readonly Question[], answers: Readonly<AnswerDrafts>): Question[] {
  const shown = new Set<string>()
  const out: Question[] = []
  for (const q of questions) {
    if (q.showIf) {
      const { question, options } = q.showIf
      if (!shown.has(question)) continue
      const chosen = answers[question]?.choices ?? []
      if (!options.some((o) => chosen.includes(o))) continue
    }
    shown.add(q.id)
    out.push(q)
  }
  return out
}

/** A reason a question's answer is not ready to send: a message key under surveys.answer. */
export type AnswerProblem = 'required' | 'oneChoice' | 'tooLong' | 'rating'

/** The checks made before answers are sent (the server makes them again), by question id: of the questions shown only. */
export function checkAnswers(questions: readonly Question[], answers: Readonly<AnswerDrafts>): Record<string, AnswerProblem> {
  const out: Record<string, AnswerProblem> = {}
  for (const q of visibleQuestions(questions, answers)) {
    const a = answers[q.id]
    if (!isAnswered(q, a)) {
      if (q.required) out[q.id] = 'required'
      continue
    }
    if (q.kind === 'single' && a!.choices.length !== 1) out[q.id] = 'oneChoice'
    if (q.kind === 'rating' && (a!.rating! < SURVEY_LIMITS.rating.min || a!.rating! > SURVEY_LIMITS.rating.max)) out[q.id] = 'rating'
    if (q.kind === 'text' && [...a!.text.trim()].length > SURVEY_LIMITS.text) out[q.id] = 'tooLong'
  }
  return out
}

/** What is sent: an answer to each question shown and answered, none to those hidden or left out. */
export function answersBody(questions: readonly Question[], answers: Readonly<AnswerDrafts>): Answer[] {
  const out: Answer[] = []
  for (const q of visibleQuestions(questions, answers)) {
    const a = answers[q.id]
    if (!isAnswered(q, a)) continue
    if (isChoice(q.kind)) out.push({ question: q.id, choices: q.options.filter((o) => a!.choices.includes(o.id)).map((o) => o.id) })
    else if (q.kind === 'rating') out.push({ question: q.id, rating: a!.rating })
    else out.push({ question: q.id, text: a!.text.trim() })
  }
  return out
}

/**
 * The server's reasons at the questions they are about: "answers[2]…" names the third answer sent,
 * "answers.q3" or "answers[q3]" a question by its id (one required and skipped has no answer sent).
 * The rest ('' in the result) is about the answers as a whole.
 */
export function answerErrorsOf(details: readonly FieldError[], sent: readonly Answer[], separator = '；'): Record<string, string> {
  const out: Record<string, string> = {}
  const add = (key: string, reason: string) => {
    out[key] = out[key] ? `${out[key]}${separator}${reason}` : reason
  }
  for (const d of details) {
    const byIndex = /^answers\[(\d+)\]/.exec(d.field)
    const byId = /^answers(?:\.|\[)([a-z0-9_]{1,20})\]?/.exec(d.field)
    if (byIndex && sent[Number(byIndex[1])]) add(sent[Number(byIndex[1])]!.question, d.reason)
    else if (byId) add(byId[1]!, d.reason)
    else if (/^[a-z0-9_]{1,20}$/.test(d.field) && d.field !== 'answers' && d.field !== 'person') add(d.field, d.reason)
    else add('', d.reason)
  }
  return out
}

// ---- results ---------------------------------------------------------------------------------------

/**
 * An interval of a mean rating wider than this many points (from its low to its high end) says the
 * sample is too small to tell much: on a scale of 1 to 5, "somewhere between 3.1 and 4.5" is no
 * finding. A mean from fewer than two answers has no interval at all.
 */
export const WIDE_INTERVAL = 1

export type RatingCaution = 'none' | 'tooFew' | 'wide' | null

/** Whether a mean rating is to be read with caution: nobody answered, too few for an interval, or its interval is wide. */
export function ratingCaution(r: Pick<RatingResult, 'n' | 'low' | 'high'> | null): RatingCaution {
  if (!r || r.n === 0) return 'none'
  if (r.n < 2 || r.low === null || r.high === null) return 'tooFew'
  if (r.high - r.low > WIDE_INTERVAL) return 'wide'
  return null
}

type Translate = (key: string, params: Record<string, unknown>) => string

/** One decimal: 4.2. */
export function oneDecimal(x: number): string {
  return (Math.round(x * 10) / 10).toFixed(1)
}

/**
 * A mean rating as it is read: "4.2 分（95% 置信区间 3.9–4.5，12 人作答）"; with one answer
 * "5.0 分（仅 1 人作答，无法估计区间）"; with none "无人作答". The interval comes from the server.
 */
export function ratingText(t: Translate, r: Pick<RatingResult, 'n' | 'mean' | 'low' | 'high'> | null): string {
  if (!r || r.n === 0) return t('surveys.results.ratingNone', {})
  if (r.low === null || r.high === null) return t('surveys.results.ratingOne', { mean: oneDecimal(r.mean), n: r.n })
  return t('surveys.results.ratingInterval', { mean: oneDecimal(r.mean), low: oneDecimal(r.low), high: oneDecimal(r.high), n: r.n })
}

/** "40.0%" of a share 0..1. */
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '—'
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`
}

/** An option's share with its interval: "40.0%（95% 区间 25.1%–56.9%）". */
export function shareText(t: Translate, o: { share: number; low: number; high: number }): string {
  return t('surveys.results.shareInterval', { share: percent(o.share), low: percent(o.low), high: percent(o.high) })
}

/** The bar of a rating's counts, 1 to 5: each count's share of the answers. */
export function ratingBars(r: Pick<RatingResult, 'n' | 'counts'>): { score: number; count: number; share: number }[] {
  return [1, 2, 3, 4, 5].map((score, i) => {
    const count = r.counts[i] ?? 0
    return { score, count, share: r.n > 0 ? count / r.n : 0 }
  })
}
