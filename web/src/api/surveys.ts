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
import type { QueryOf, Reply, RequestBody, Schema } from './types'

type SurveyQuestion = Schema<'SurveyQuestion'>
export type QuestionKind = SurveyQuestion['kind']
export type QuestionOption = NonNullable<SurveyQuestion['options']>[number]
export type ShowIf = NonNullable<SurveyQuestion['showIf']>
/** A question as the pages hold it: the API's, with its defaults filled in. */
export interface Question {
  id: string
  kind: QuestionKind
  title: string
  required: boolean
  options: QuestionOption[]
  showIf: ShowIf | null
}

export type Survey = Omit<Schema<'Survey'>, 'questions'> & { questions: Question[] }
export type SurveySummary = Schema<'SurveySummary'>
export type SurveyStatus = Survey['status']
export type SurveyPer = Survey['per']
export type SurveyVersion = Survey['versions'][number]
export type SurveyFields = RequestBody<'/api/v1/surveys', 'post'>
export type SurveyChange = RequestBody<'/api/v1/surveys/{id}', 'put'>
export type Answer = Schema<'SurveyAnswer'>
export type SurveyResults = Schema<'SurveyResults'>
export type QuestionResult = SurveyResults['questions'][number]
export type OptionResult = QuestionResult['options'][number]
export type RatingResult = NonNullable<QuestionResult['rating']>
export type UnitResult = SurveyResults['units'][number]
export type UnitRating = UnitResult['ratings'][number]
export type ResultsQuery = QueryOf<'/api/v1/surveys/{id}/results', 'get'>
export type SurveyQuery = QueryOf<'/api/v1/surveys', 'get'>
type SurveyPage = Schema<'SurveySummaryPage'>
type Received = Reply<'/api/v1/surveys/mine/{id}/answer', 'post', 201>

/** A question of the API with its defaults: required, no options, no condition. */
export function questionOf(q: SurveyQuestion): Question {
  return { id: q.id, kind: q.kind, title: q.title, required: q.required ?? true, options: q.options ?? [], showIf: q.showIf ?? null }
}

function surveyOf(s: Schema<'Survey'>): Survey {
  return { ...s, questions: s.questions.map(questionOf) }
}

// The server's choices (src/surveys/model.hpp), checked against the API description, in the order
// the pages offer them.
export const SURVEY_STATUSES = ['draft', 'scheduled', 'open', 'closed'] as const satisfies readonly SurveyStatus[]
export const QUESTION_KINDS = ['single', 'multiple', 'rating', 'text'] as const satisfies readonly QuestionKind[]
export const SURVEY_PERS = ['resident', 'household'] as const satisfies readonly SurveyPer[]

/** The server's bounds (src/surveys/model.hpp, survey_service.hpp). */
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

export async function getSurvey(id: number, signal?: AbortSignal): Promise<Survey> {
  return surveyOf(await http.get<Schema<'Survey'>>(`/api/v1/surveys/${id}`, { signal }))
}

/** A draft. `notify: false`: the builder shows the refusal at its fields. */
export async function createSurvey(fields: SurveyFields): Promise<Survey> {
  return surveyOf(await http.post<Schema<'Survey'>>('/api/v1/surveys', fields, { notify: false }))
}

/** At the version last read (409: changed since). Once published, questions changed make a new version. */
export async function updateSurvey(id: number, change: SurveyChange): Promise<Survey> {
  return surveyOf(await http.put<Schema<'Survey'>>(`/api/v1/surveys/${id}`, change, { notify: false }))
}

/** Draft → scheduled (before it opens) or open. */
export async function publishSurvey(id: number, version: number): Promise<Survey> {
  return surveyOf(await http.post<Schema<'Survey'>>(`/api/v1/surveys/${id}/publish`, { version }, { notify: false }))
}

export async function closeSurvey(id: number, version: number): Promise<Survey> {
  return surveyOf(await http.post<Schema<'Survey'>>(`/api/v1/surveys/${id}/close`, { version }, { notify: false }))
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
export function collectResponse(id: number, person: number, answers: Answer[]): Promise<Received> {
  return http.post<Received>(`/api/v1/surveys/${id}/responses`, { person, answers }, { notify: false })
}
