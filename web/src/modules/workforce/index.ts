// Community workers and training (src/workforce, 社区工作者队伍与培训, ADR 0030): the roster of the
// townships, villages and communities, each worker's posts and training record, the courses with
// their participants and attendance, and who still needs training in a year. Pages under 基层治理,
// beside the residents: the roster (an exact search by ID number, a worker registered with the
// first post), a worker (posts started and ended, details changed), the courses (one created, a
// worker enrolled or recorded as completed, a class list imported) and the training needs.
import { Collection, Notebook, Reading } from '@element-plus/icons-vue'
import { POSITIONS, QUALIFICATIONS, COURSE_LEVELS } from '@/api/workforce'
import { defineModule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

const READ = 'workforce:roster:read'

const DATE = '(\\d{4}-\\d{2}-\\d{2})'
const POSITION = `(${POSITIONS.join('|')})`

export default defineModule({
  name: 'workforce',
  group: 'governance',
  routes: [
    {
      path: 'workforce/workers',
      name: 'workforceWorkers',
      component: () => import('@/views/workforce/WorkerList.vue'),
      meta: { title: 'workforce.workers.title', icon: Notebook, permission: READ, menu: { order: 50 } },
    },
    {
      path: 'workforce/workers/:id(\\d+)',
      name: 'workforceWorker',
      component: () => import('@/views/workforce/WorkerDetail.vue'),
      meta: { title: 'workforce.worker.title', permission: READ },
    },
    {
      path: 'workforce/courses',
      name: 'workforceCourses',
      component: () => import('@/views/workforce/CourseList.vue'),
      meta: { title: 'workforce.courses.title', icon: Reading, permission: READ, menu: { order: 55 } },
    },
    {
      path: 'workforce/courses/:id(\\d+)',
      name: 'workforceCourse',
      component: () => import('@/views/workforce/CourseDetail.vue'),
      meta: { title: 'workforce.course.title', permission: READ },
    },
    {
      path: 'workforce/training-needs',
      name: 'workforceTrainingNeeds',
      component: () => import('@/views/workforce/TrainingNeeds.vue'),
      meta: { title: 'workforce.trainingNeeds.title', icon: Collection, permission: READ, menu: { order: 56 } },
    },
  ],
  messages: { 'zh-CN': zhCN, en },
  // The fixed shapes of the details src/workforce writes (workforce_service.cpp,
  // training_service.cpp): codes as the server names them, read out in the reader's language.
  auditDetailRules: [
    {
      action: 'workforce.worker.register',
      pattern: new RegExp(`^${POSITION}$`),
      message: 'registered',
      params: (m, labels) => ({ position: labels.message(`workforce.positions.${m[1]!}`) }),
    },
    {
      action: 'workforce.worker.change',
      pattern: new RegExp(`^(${QUALIFICATIONS.join('|')})$`),
      message: 'changed',
      params: (m, labels) => ({ qualification: labels.message(`workforce.qualifications.${m[1]!}`) }),
    },
    {
      action: 'workforce.post.start',
      pattern: new RegExp(`^${POSITION} from ${DATE}$`),
      message: 'postStarted',
      params: (m, labels) => ({ position: labels.message(`workforce.positions.${m[1]!}`), date: m[2]! }),
    },
    {
      action: 'workforce.post.end',
      pattern: new RegExp(`^${POSITION} until ${DATE}$`),
      message: 'postEnded',
      params: (m, labels) => ({ position: labels.message(`workforce.positions.${m[1]!}`), date: m[2]! }),
    },
    {
      action: 'workforce.course.create',
      pattern: new RegExp(`^(${COURSE_LEVELS.join('|')}) (\\d+) h$`),
      message: 'courseCreated',
      params: (m, labels) => ({ level: labels.message(`workforce.levels.${m[1]!}`), hours: m[2]! }),
    },
    { action: 'workforce.attendance.enrol', pattern: /^worker (\d+)$/, message: 'workerNumber', params: (m) => ({ id: m[1]! }) },
    {
      action: 'workforce.attendance.record',
      pattern: new RegExp(`^worker (\\d+) on ${DATE}, (\\d+) h$`),
      message: 'attendanceRecorded',
      params: (m) => ({ id: m[1]!, date: m[2]!, hours: m[3]! }),
    },
    { action: 'workforce.attendance.import', pattern: /^(\d+) rows$/, message: 'rowsImported', params: (m) => ({ n: m[1]! }) },
    { action: 'workforce.worker.search', pattern: /^by ID number$/, message: 'searchedById', params: () => ({}) },
  ],
})
