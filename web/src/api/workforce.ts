// Community workers and training (社区工作者队伍与培训, ADR 0030): /api/v1/workforce…
//
// The roster of the townships, villages and communities in scope (names, phones and ID numbers
// always masked), a worker found exactly by ID number (in a POST body, never in a URL; audited),
// a worker registered with their first post, changed with the version last read, a post started
// or ended; the courses run by the units in scope or above them, one with its participants, a
// worker enrolled, a completion recorded, a class list imported (all rows or none); and who still
// needs training in a year, and why.
import { http } from '@/utils/request'
import { uploadType } from '@/utils/upload'
import type { QueryOf, Reply, RequestBody, Schema } from './types'

export type Worker = Schema<'Worker'>
export type WorkforcePost = Schema<'WorkforcePost'>
export type Position = WorkforcePost['position']
export type Qualification = Worker['qualification']
export type Course = Schema<'Course'>
export type CourseLevel = Course['level']
export type CourseForm = Course['form']
export type CourseAttendance = Schema<'CourseAttendance'>
export type TrainingNeed = Schema<'TrainingNeed'>
export type Need = TrainingNeed['needs'][number]
export type WorkerDetail = Reply<'/api/v1/workforce/workers/{id}', 'get'>
export type TrainingRecord = WorkerDetail['training'][number]
export type CourseDetail = Reply<'/api/v1/workforce/courses/{id}', 'get'>
export type WorkerQuery = QueryOf<'/api/v1/workforce/workers', 'get'>
type SearchFields = RequestBody<'/api/v1/workforce/workers/search', 'post'>
export type RegisterFields = RequestBody<'/api/v1/workforce/workers', 'post'>
export type ChangeFields = RequestBody<'/api/v1/workforce/workers/{id}', 'put'>
export type PostFields = RequestBody<'/api/v1/workforce/workers/{id}/posts', 'post'>
export type CourseFields = RequestBody<'/api/v1/workforce/courses', 'post'>
export type AttendanceFields = RequestBody<'/api/v1/workforce/courses/{id}/attendance', 'post'>
type WorkerPage = Schema<'WorkerPage'>
type CoursePage = Schema<'CoursePage'>
type TrainingNeedPage = Schema<'TrainingNeedPage'>
type ImportResult = Reply<'/api/v1/workforce/courses/{id}/attendance/import', 'post'>

/** The server's order (src/workforce/model.hpp): the six main posts first, one at a time. */
export const POSITIONS = [
  'secretary',
  'director',
  'secretary_director',
  'committee_member',
  'full_time_worker',
  'grid_worker',
  'children_director',
  'disaster_officer',
  'minors_officer',
  'reserve_secretary',
] as const satisfies readonly Position[]
export const QUALIFICATIONS = ['none', 'assistant', 'social_worker', 'senior'] as const satisfies readonly Qualification[]
export const COURSE_LEVELS = ['township', 'county', 'city', 'province'] as const satisfies readonly CourseLevel[]
export const COURSE_FORMS = ['on_site', 'online'] as const satisfies readonly CourseForm[]
export const NEEDS = ['county_training', 'biennial_training', 'children_director', 'hours_120'] as const satisfies readonly Need[]

/** The server's bounds (src/workforce/workforce_service.cpp, training_service.cpp). */
export const LIMITS = {
  name: { min: 2, max: 30 },
  certificate: 30,
  title: { min: 2, max: 60 },
  topics: 200,
  hours: { min: 1, max: 500 },
  /** The class list the import reads (4 MB). */
  importBytes: 4 * 1024 * 1024,
} as const

/** The class list template (.xlsx: 身份证号, 姓名, 结业日期, 学时). */
export const ATTENDANCE_TEMPLATE = '/api/v1/workforce/attendance-template'

// ---- the roster -------------------------------------------------------------------------------------

/** The workers of the rosters in scope (or under `unit`), or in post there today, by id. */
export function listWorkers(query: WorkerQuery, signal?: AbortSignal): Promise<WorkerPage> {
  return http.get<WorkerPage>('/api/v1/workforce/workers', {
    query: { unit: query.unit, position: query.position, page: query.page, pageSize: query.pageSize },
    signal,
  })
}

/**
 * The worker with exactly this ID number, within scope (the blind index): in a POST body so that
 * the number stays out of URLs and logs; the server audits the search. `notify: false`: the list
 * shows a refusal in its own state.
 */
export function searchWorkers(idNumber: string, signal?: AbortSignal): Promise<WorkerPage> {
  const body: SearchFields = { idNumber }
  return http.post<WorkerPage>('/api/v1/workforce/workers/search', body, { signal, notify: false })
}

/** `notify: false`: the dialog shows every refused field at once (409: the ID number is on a roster). */
export function registerWorker(fields: RegisterFields): Promise<Worker> {
  return http.post<Worker>('/api/v1/workforce/workers', fields, { notify: false })
}

export function getWorker(id: number, signal?: AbortSignal): Promise<WorkerDetail> {
  return http.get<WorkerDetail>(`/api/v1/workforce/workers/${id}`, { signal })
}

/** With the version last read (409: changed meanwhile). `notify: false`: the dialog says why. */
export function changeWorker(id: number, fields: ChangeFields): Promise<Worker> {
  return http.put<Worker>(`/api/v1/workforce/workers/${id}`, fields, { notify: false })
}

/** 409 for a second main post while another is in force, or the same post twice at one unit. */
export function startPost(worker: number, fields: PostFields): Promise<WorkforcePost> {
  return http.post<WorkforcePost>(`/api/v1/workforce/workers/${worker}/posts`, fields, { notify: false })
}

/** The post stays on record, ended on `endedOn` (from its start to today). */
export function endPost(worker: number, post: number, endedOn: string): Promise<WorkforcePost> {
  return http.post<WorkforcePost>(`/api/v1/workforce/workers/${worker}/posts/${post}/end`, { endedOn }, { notify: false })
}

/** Workers in post who still need training in `year`, by unit. */
export function listTrainingNeeds(
  query: QueryOf<'/api/v1/workforce/training-needs', 'get'>,
  signal?: AbortSignal,
): Promise<TrainingNeedPage> {
  return http.get<TrainingNeedPage>('/api/v1/workforce/training-needs', {
    query: { unit: query.unit, year: query.year, page: query.page, pageSize: query.pageSize },
    signal,
  })
}

// ---- training ---------------------------------------------------------------------------------------

/** Courses run by units in scope, under `unit`, or above them; newest first. */
export function listCourses(query: QueryOf<'/api/v1/workforce/courses', 'get'>, signal?: AbortSignal): Promise<CoursePage> {
  return http.get<CoursePage>('/api/v1/workforce/courses', {
    query: { unit: query.unit, year: query.year, page: query.page, pageSize: query.pageSize },
    signal,
  })
}

/** `notify: false`: the dialog shows every refused field at once. */
export function createCourse(fields: CourseFields): Promise<Course> {
  return http.post<Course>('/api/v1/workforce/courses', fields, { notify: false })
}

export function getCourse(id: number, signal?: AbortSignal): Promise<CourseDetail> {
  return http.get<CourseDetail>(`/api/v1/workforce/courses/${id}`, { signal })
}

/** 409 once the course has ended, or twice. */
export function enrolWorker(course: number, worker: number): Promise<CourseAttendance> {
  return http.post<CourseAttendance>(`/api/v1/workforce/courses/${course}/participants`, { worker }, { notify: false })
}

/** The worker completed the course (enrols too); `hours` left out: the course's. */
export function recordAttendance(course: number, fields: AttendanceFields): Promise<CourseAttendance> {
  return http.post<CourseAttendance>(`/api/v1/workforce/courses/${course}/attendance`, fields, { notify: false })
}

/** A filled-in class list, sent as it is: every row recorded, or none (400 lists each bad row). */
export function importAttendance(course: number, file: Blob & { type: string }): Promise<ImportResult> {
  return http.upload<ImportResult>(`/api/v1/workforce/courses/${course}/attendance/import`, file, uploadType(file), { notify: false })
}
