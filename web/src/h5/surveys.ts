// 问卷调查 on the resident pages: the surveys that reach the signed-in resident (the register holds
// them with the phone of their account; `linked` false when it does not, and then nothing can be
// answered), one with its questions, and the answers sent once. The server refuses a second
// response of the same resident (or household), one after closing or before opening, and answers
// that do not fit the questions, all with their reasons.
import { http } from '@/utils/request'
import { questionOf, type Answer, type Question } from '@/api/surveys'
import type { Reply, Schema } from '@/api/types'

export type MySurvey = Omit<Schema<'MySurvey'>, 'questions'>
export type MySurveyDetail = MySurvey & { questions: Question[] }
export type MySurveys = Reply<'/api/v1/surveys/mine', 'get'>
type Received = Reply<'/api/v1/surveys/mine/{id}/answer', 'post', 201>

export function listMySurveys(signal?: AbortSignal): Promise<MySurveys> {
  return http.get<MySurveys>('/api/v1/surveys/mine', { signal })
}

/** 404 when it does not reach the resident. */
export async function getMySurvey(id: number, signal?: AbortSignal): Promise<MySurveyDetail> {
  const survey = await http.get<Schema<'MySurvey'>>(`/api/v1/surveys/mine/${id}`, { signal })
  return { ...survey, questions: (survey.questions ?? []).map(questionOf) }
}

/** `notify: false`: the page shows the refusal (closed, answered already, a reason at a question). */
export function answerMySurvey(id: number, answers: Answer[]): Promise<Received> {
  return http.post<Received>(`/api/v1/surveys/mine/${id}/answer`, { answers }, { notify: false })
}

/** Open and not answered yet: the resident is asked to answer. */
export function awaitsAnswer(survey: MySurvey): boolean {
  return survey.status === 'open' && !survey.answered
}
