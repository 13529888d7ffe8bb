// Satisfaction surveys (src/surveys, 满意度调查): composed by a unit's staff (a county, township,
// village or community) for the residents or households of a target within their area, published
// for a window of time, answered by residents on /h5/ or filled in by staff during a home visit
// (代填), and read per unit: response rate, shares of each option, mean ratings with their 95%
// interval, texts. Under 社区服务, after the volunteers: the surveys (with the builder, each
// survey's page and its results). The resident's pages are under 我的社区 in /h5/
// (src/h5/views/surveys).
import { DocumentChecked } from '@element-plus/icons-vue'
import { defineModule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

const READ = 'surveys:survey:read'
const WRITE = 'surveys:survey:write'

export default defineModule({
  name: 'surveys',
  group: 'services',
  routes: [
    // ?status= filters by status.
    {
      path: 'surveys',
      name: 'surveys',
      component: () => import('@/views/surveys/SurveyList.vue'),
      meta: { title: 'surveys.list.title', icon: DocumentChecked, permission: READ, menu: { order: 80 } },
    },
    // The builder, a survey and its results sit under the list's path, so that the menu shows where they belong.
    {
      path: 'surveys/new',
      name: 'survey-new',
      component: () => import('@/views/surveys/SurveyForm.vue'),
      meta: { title: 'surveys.form.newTitle', permission: WRITE },
    },
    {
      path: 'surveys/:id(\\d+)',
      name: 'survey-detail',
      component: () => import('@/views/surveys/SurveyDetail.vue'),
      meta: { title: 'surveys.detail.title', permission: READ },
    },
    {
      path: 'surveys/:id(\\d+)/edit',
      name: 'survey-edit',
      component: () => import('@/views/surveys/SurveyForm.vue'),
      meta: { title: 'surveys.form.editTitle', permission: WRITE },
    },
    // ?unit= (a unit within the target) and ?questionsVersion= choose what is counted.
    {
      path: 'surveys/:id(\\d+)/results',
      name: 'survey-results',
      component: () => import('@/views/surveys/SurveyResults.vue'),
      meta: { title: 'surveys.results.title', permission: READ },
    },
  ],
  messages: { 'zh-CN': zhCN, en },
})
