// Satisfaction surveys (满意度调查): /api/v1/surveys…
//
// A unit's staff (a county, township, village or community) compose a survey for the residents (or
// households) of a target within their area: a draft, published for a window of time (scheduled
// until it opens, then open, closed by hand or at its end). Its questions (单选, 多选, 评分 1–5,
// 填空) may be shown only when an earlier choice was made (showIf). Residents answer on /h5/ (their
// account's phone matches them in the residents register), or staff fill it in for one during a
// visit (代填). Results per unit of the target: response rate, shares of each option with their
// 95% Wilson interval, mean ratings with their 95% t interval, texts. Every change sends the
// version last read (409: someone else changed it since). Questions changed after publishing make
// a new version; answers given stay with theirs.
import { http } from '@/utils/request'

// The shapes as hand-written from the contract (the module's server side is not merged yet).
export type SurveyStatus = 'draft' | 'scheduled' | 'open' | 'closed'
export type QuestionKind = 'single' | 'multiple' | 'rating' | 'text'
export type SurveyPer = 'resident' | 'household'

export interface QuestionOption {
  id: string
  label: string
}

export interface ShowIf {
  /** An earlier single or multiple choice question. */
  question: string
  /** Shown when that question's answer includes one of these. */
  options: string[]
}

export interface Question {
  id: string
  kind: QuestionKind
  title: string
  required: boolean
  options: QuestionOption[]
  showIf: ShowIf | null
}

export interface SurveyVersion {
  number: number
  publishedAt: string
  responses: number
}

export interface Survey {
  id: number
  version: number
  unit: string
  unitName: string
  title: string
  description: string
  anonymous: boolean
  per: SurveyPer
  target: string[]
  opensAt: string
  closesAt: string
  status: SurveyStatus
  questions: Question[]
  questionsVersion: number
  versions: SurveyVersion[]
  responses: number
  createdByName: string
  createdAt: string
  updatedAt: string
  publishedAt: string | null
  closedAt: string | null
}

export interface SurveySummary {
  id: number
  unit: string
  unitName: string
  title: string
  status: SurveyStatus
  anonymous: boolean
  per: SurveyPer
  opensAt: string
  closesAt: string
  responses: number
  questionsVersion: number
}

export interface SurveyFields {
  unit: string
  title: string
  description: string
  anonymous: boolean
  per: SurveyPer
  target: string[]
  opensAt: string
  closesAt: string
  questions: Question[]
}

export type SurveyChange = SurveyFields & { version: number }

export interface Answer {
  question: string
  choices?: string[]
  rating?: number | null
  text?: string | null
}

export interface OptionResult {
  id: string
  label: string
  count: number
  /** Of those who answered the question, 0..1. */
  share: number
  /** The 95% Wilson interval of the share. */
  low: number
  high: number
}

export interface RatingResult {
  n: number
  mean: number
  sd: number
  /** The 95% t interval of the mean; null when n < 2. */
  low: number | null
  high: number | null
  /** How many gave 1, 2, 3, 4, 5. */
  counts: number[]
}

export interface QuestionResult {
  id: string
  kind: QuestionKind
  title: string
  answered: number
  options: OptionResult[]
  rating: RatingResult | null
  /** At most 50, newest first. */
  texts: string[]
  textsTotal: number
}

export interface UnitRating {
  question: string
  n: number
  mean: number
  low: number | null
  high: number | null
}

export interface UnitResult {
  unit: string
  unitName: string
  eligible: number
  responses: number
  responseRate: number | null
  ratings: UnitRating[]
}

export interface SurveyResults {
  survey: SurveySummary
  unit: string
  unitName: string
  questionsVersion: number
  eligible: number
  responses: number
  /** 0..1; null when nobody is eligible. */
  responseRate: number | null
  questions: QuestionResult[]
  /** The unit's children within the target. */
  units: UnitResult[]
}

export interface ResultsQuery {
  unit?: string
  questionsVersion?: number
}

export interface SurveyQuery {
  status?: SurveyStatus
  page?: number
  pageSize?: number
}

interface SurveyPage {
  items: SurveySummary[]
  total: number
}

// The server's choices (the contract), in the order the pages offer them.
export const SURVEY_STATUSES = ['draft', 'scheduled', 'open', 'closed'] as const satisfies readonly SurveyStatus[]
export const QUESTION_KINDS = ['single', 'multiple', 'rating', 'text'] as const satisfies readonly QuestionKind[]
export const SURVEY_PERS = ['resident', 'household'] as const satisfies readonly SurveyPer[]

/** The server's bounds. */
export const SURVEY_LIMITS = {
  title: 100,
  description: 1000,
  questions: 50,
  questionTitle: 200,
  optionLabel: 100,
  options: { min: 2, max: 20 },
  id: 20,
  text: 1000,
  days: 366,
  rating: { min: 1, max: 5 },
} as const

// ---- surveys -------------------------------------------------------------------------------------

export function listSurveys(query: SurveyQuery, signal?: AbortSignal): Promise<SurveyPage> {
  return http.get<SurveyPage>('/api/v1/surveys', {
    query: { status: query.status || undefined, page: query.page, pageSize: query.pageSize },
    signal,
  })
}

export function getSurvey(id: number, signal?: AbortSignal): Promise<Survey> {
  return http.get<Survey>(`/api/v1/surveys/${id}`, { signal })
}

/** A draft. `notify: false`: the builder shows the refusal at its fields. */
export function createSurvey(fields: SurveyFields): Promise<Survey> {
  return http.post<Survey>('/api/v1/surveys', fields, { notify: false })
}

/** At the version last read (409: changed since). Once published, questions changed make a new version. */
export function updateSurvey(id: number, change: SurveyChange): Promise<Survey> {
  return http.put<Survey>(`/api/v1/surveys/${id}`, change, { notify: false })
}

/** Draft → scheduled (before it opens) or open. */
export function publishSurvey(id: number, version: number): Promise<Survey> {
  return http.post<Survey>(`/api/v1/surveys/${id}/publish`, { version }, { notify: false })
}

export function closeSurvey(id: number, version: number): Promise<Survey> {
  return http.post<Survey>(`/api/v1/surveys/${id}/close`, { version }, { notify: false })
}

/** The results within `unit` (default: the caller's own unit within the target) for one version of the questions. */
export function getResults(id: number, query: ResultsQuery, signal?: AbortSignal): Promise<SurveyResults> {
  return http.get<SurveyResults>(`/api/v1/surveys/${id}/results`, {
    query: { unit: query.unit || undefined, questionsVersion: query.questionsVersion || undefined },
    signal,
  })
}

/** The Excel twin of the results' rows. */
export function resultsExportPath(id: number): string {
  return `/api/v1/surveys/${id}/results/rows.xlsx`
}

/** Staff fill it in on a resident's behalf (a person of the register, in scope and in the target). */
export function collectResponse(id: number, person: number, answers: Answer[]): Promise<{ received: boolean }> {
  return http.post<{ received: boolean }>(`/api/v1/surveys/${id}/responses`, { person, answers }, { notify: false })
}
