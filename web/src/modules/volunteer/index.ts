// Volunteers (src/volunteer, 志愿服务, ADR 0030): residents who volunteer, activities, check-in by a
// short-lived code and the chained hour record. Staff pages under 社区服务: the volunteers of the
// working unit's villages and communities (applications approved or refused, someone without a
// phone registered, a volunteer's hours), the activities (published here), one activity with its
// sign-ups, check-in by hand and the confirmation of its hours, the check-in screen with its QR
// code for the projector at the activity, and the social organisations and teams (五社联动) with
// their members. The resident's pages are under 我的 in /h5/
// (src/h5/views/volunteer); the public check of a certificate is /verify/<number> (h5 too).
import { Monitor, OfficeBuilding, Present, UserFilled } from '@element-plus/icons-vue'
import { defineModule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

const READ = 'volunteer:hours:read'
const ORGANISE = 'volunteer:activity:manage'

export default defineModule({
  name: 'volunteer',
  group: 'services',
  routes: [
    {
      path: 'volunteer/volunteers',
      name: 'volunteers',
      component: () => import('@/views/volunteer/VolunteerList.vue'),
      meta: { title: 'volunteer.volunteers.title', icon: UserFilled, permission: READ, menu: { order: 70 } },
    },
    {
      path: 'volunteer/activities',
      name: 'volunteerActivities',
      component: () => import('@/views/volunteer/ActivityList.vue'),
      meta: { title: 'volunteer.activities.title', icon: Present, permission: READ, menu: { order: 75 } },
    },
    {
      path: 'volunteer/organisations',
      name: 'volunteerOrganisations',
      component: () => import('@/views/volunteer/OrganisationList.vue'),
      meta: { title: 'volunteer.organisations.title', icon: OfficeBuilding, permission: READ, menu: { order: 77 } },
    },
    {
      path: 'volunteer/organisations/:id(\\d+)',
      name: 'volunteerOrganisation',
      component: () => import('@/views/volunteer/OrganisationDetail.vue'),
      meta: { title: 'volunteer.organisations.title', permission: READ },
    },
    // An activity and its screen sit under the list's path, so that the menu shows where they belong.
    {
      path: 'volunteer/activities/:id(\\d+)',
      name: 'volunteerActivity',
      component: () => import('@/views/volunteer/ActivityDetail.vue'),
      meta: { title: 'volunteer.activity.title', permission: READ },
    },
    {
      path: 'volunteer/activities/:id(\\d+)/screen',
      name: 'volunteerScreen',
      component: () => import('@/views/volunteer/CheckInScreen.vue'),
      meta: { title: 'volunteer.screen.title', icon: Monitor, permission: ORGANISE },
    },
  ],
  messages: { 'zh-CN': zhCN, en },
  // The fixed shapes of the details src/volunteer writes (volunteer_service.cpp, hour_record.cpp).
  auditDetailRules: [
    {
      action: 'volunteer.hours.record',
      pattern: /^mac ([0-9a-f]+) volunteer (\d+) activity (\d+) minutes (-?\d+)$/,
      message: 'hourRecorded',
      params: (m) => ({ mac: m[1]!, volunteer: m[2]!, activity: m[3]!, minutes: m[4]! }),
    },
    { action: 'volunteer.activity.signup', pattern: /^volunteer (\d+)$/, message: 'volunteerNumber', params: (m) => ({ id: m[1]! }) },
    { action: 'volunteer.activity.check', pattern: /^volunteer (\d+)$/, message: 'volunteerNumber', params: (m) => ({ id: m[1]! }) },
    { action: 'volunteer.activity.confirm', pattern: /^(\d+) entries$/, message: 'entriesWritten', params: (m) => ({ n: m[1]! }) },
  ],
})
