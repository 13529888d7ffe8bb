// 问卷调查 on the resident pages: the surveys that reach the signed-in resident (the register holds
// them with the phone of their account; `linked` false when it does not, and then nothing can be
// answered), one with its questions, and the answers sent once. The server refuses a second
// response of the same resident (or household), one after closing or before opening, and answers
// that do not fit the questions, all with their reasons.
import { http } from '@/utils/request'
import type { Answer, Question, SurveyPer, SurveyStatus } from '@/api/surveys'

export interface MySurvey {
  id: number
  title: string
  description: string
  unitName: string
  anonymous: boolean
  per: SurveyPer
  opensAt: string
  closesAt: string
  status: SurveyStatus
  /** This resident (or their household) has answered. */
  answered: boolean
}

export type MySurveyDetail = MySurvey & { questions: Question[] }

export interface MySurveys {
  items: MySurvey[]
  total: number
  /** false: the account's phone matches nobody in the residents register. */
  linked: boolean
}

export function listMySurveys(signal?: AbortSignal): Promise<MySurveys> {
  return http.get<MySurveys>('/api/v1/surveys/mine', { signal })
}

/** 404 when it does not reach the resident. */
export function getMySurvey(id: number, signal?: AbortSignal): Promise<MySurveyDetail> {
  return http.get<MySurveyDetail>(`/api/v1/surveys/mine/${id}`, { signal })
}

/** `notify: false`: the page shows the refusal (closed, answered already, a reason at a question). */
export function answerMySurvey(id: number, answers: Answer[]): Promise<{ received: boolean }> {
  return http.post<{ received: boolean }>(`/api/v1/surveys/mine/${id}/answer`, { answers }, { notify: false })
}

/** Open and not answered yet: the resident is asked to answer. */
export function awaitsAnswer(survey: MySurvey): boolean {
  return survey.status === 'open' && !survey.answered
}
