// Residents and households (src/residents, 实有人口): the people and households of the working
// unit's subtree under 基层治理, masked as the server sends them; one household with its members;
// one person with their history, fields shown in clear for a stated reason, corrections, moves and
// the export of everything held about them. Officials at every level read (masked); the township,
// the community and the grid worker register and correct; the two sensitive groups are offered
// only to those who hold residents:person:sensitive. Those who register also import households and
// their people from a filled-in template (居民导入), read by the server in a background job.
//
// Home visits (入户走访): the care targets not visited this period (本期待走访), the visit form a
// grid worker fills in on a phone (kept on the device until sent), a person's visits on their page,
// the referrals visits raise to the township (走访转介), and who is visited how often (走访频次).
import { AlarmClock, Avatar, HomeFilled, Promotion, SetUp, Upload } from '@element-plus/icons-vue'
import { defineModule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

const READ = 'residents:person:read'
const WRITE = 'residents:person:write'
const VISIT = 'residents:visit:record'
const DECIDE = 'residents:referral:decide'
const RULES = 'residents:rules:manage'

export default defineModule({
  name: 'residents',
  group: 'governance',
  routes: [
    {
      path: 'residents/persons',
      name: 'residentPersons',
      component: () => import('@/views/residents/PersonList.vue'),
      meta: { title: 'residents.persons.title', icon: Avatar, permission: READ, menu: { order: 30 } },
    },
    // A person and a household sit under their list's path, so that the menu shows where they belong.
    {
      path: 'residents/persons/:id(\\d+)',
      name: 'residentPerson',
      component: () => import('@/views/residents/PersonDetail.vue'),
      meta: { title: 'residents.person.title', permission: READ },
    },
    {
      path: 'residents/households',
      name: 'residentHouseholds',
      component: () => import('@/views/residents/HouseholdList.vue'),
      meta: { title: 'residents.households.title', icon: HomeFilled, permission: READ, menu: { order: 35 } },
    },
    {
      path: 'residents/households/:id(\\d+)',
      name: 'residentHousehold',
      component: () => import('@/views/residents/HouseholdDetail.vue'),
      meta: { title: 'residents.household.title', permission: READ },
    },
    {
      path: 'residents/visits/overdue',
      name: 'residentVisitsOverdue',
      component: () => import('@/views/residents/VisitOverdue.vue'),
      meta: { title: 'residents.visits.overdue.title', icon: AlarmClock, permission: VISIT, menu: { order: 36 } },
    },
    // The visit form sits under the person it is about.
    {
      path: 'residents/persons/:id(\\d+)/visit',
      name: 'residentVisit',
      component: () => import('@/views/residents/VisitForm.vue'),
      meta: { title: 'residents.visits.form.title', permission: VISIT },
    },
    // Those who visit follow their referrals; the township decides them.
    {
      path: 'residents/referrals',
      name: 'residentReferrals',
      component: () => import('@/views/residents/ReferralList.vue'),
      meta: { title: 'residents.referrals.title', icon: Promotion, permission: [VISIT, DECIDE], menu: { order: 37 } },
    },
    {
      path: 'residents/care-rules/:code?',
      name: 'residentCareRules',
      component: () => import('@/views/residents/CareRules.vue'),
      meta: { title: 'residents.careRules.title', icon: SetUp, permission: RULES, menu: { order: 38 }, followsUnit: true },
    },
    // `?import=ID` shows that import's result (the page puts it there, so that a reload keeps it).
    {
      path: 'residents/import',
      name: 'residentImport',
      component: () => import('@/views/residents/ResidentImport.vue'),
      meta: { title: 'residents.import.title', icon: Upload, permission: WRITE, menu: { order: 39 } },
    },
  ],
  messages: { 'zh-CN': zhCN, en },
  // The workbench's to-dos: the care targets not visited this period; the referrals the township
  // has still to take up or decide (referred and under assessment: the list unfiltered, newest first).
  todos: {
    'residents.visits.overdue': { to: { name: 'residentVisitsOverdue' } },
    'residents.referrals.open': { to: { name: 'residentReferrals' } },
  },
  // The fixed shapes of the details src/residents/resident_service.cpp writes. The reason given to
  // reveal a field follows its name and is kept as typed; an export's detail is its reason alone.
  auditDetailRules: [
    { action: 'residents.household.read', pattern: /^(\d+) members$/, message: 'members', params: (m) => ({ n: m[1]! }) },
    { action: 'residents.person.create', pattern: /^household (\d+)$/, message: 'registeredIn', params: (m) => ({ id: m[1]! }) },
    {
      action: 'residents.person.move',
      pattern: /^to household (\d+) on (\d{4}-\d{2}-\d{2})$/,
      message: 'movedTo',
      params: (m) => ({ id: m[1]!, date: m[2]! }),
    },
    { action: 'residents.person.move', pattern: /^moved away on (\d{4}-\d{2}-\d{2})$/, message: 'movedAway', params: (m) => ({ date: m[1]! }) },
    { action: 'residents.person.search', pattern: /^by ID number, (\d+) found$/, message: 'searchedById', params: (m) => ({ n: m[1]! }) },
    { action: 'residents.person.search', pattern: /^by phone, (\d+) found$/, message: 'searchedByPhone', params: (m) => ({ n: m[1]! }) },
    { action: 'residents.person.reveal', pattern: /^name: ([\s\S]*)$/, message: 'revealedName', params: (m) => ({ reason: m[1]! }) },
    { action: 'residents.person.reveal', pattern: /^idNumber: ([\s\S]*)$/, message: 'revealedIdNumber', params: (m) => ({ reason: m[1]! }) },
    { action: 'residents.person.reveal', pattern: /^phone: ([\s\S]*)$/, message: 'revealedPhone', params: (m) => ({ reason: m[1]! }) },
    { action: 'residents.person.reveal', pattern: /^address: ([\s\S]*)$/, message: 'revealedAddress', params: (m) => ({ reason: m[1]! }) },
    // src/residents/visit_service.cpp.
    {
      action: 'residents.visit.record',
      pattern: /^resident (\d+) on (\d{4}-\d{2}-\d{2})$/,
      message: 'visitRecorded',
      params: (m) => ({ id: m[1]!, date: m[2]! }),
    },
    { action: 'residents.visit.read', pattern: /^(\d+) visits$/, message: 'visitsRead', params: (m) => ({ n: m[1]! }) },
    { action: 'residents.referral.create', pattern: /^subsistence for resident (\d+)$/, message: 'referredSubsistence', params: (m) => ({ id: m[1]! }) },
    {
      action: 'residents.referral.create',
      pattern: /^special_hardship for resident (\d+)$/,
      message: 'referredSpecialHardship',
      params: (m) => ({ id: m[1]! }),
    },
    { action: 'residents.referral.decide', pattern: /^under_assessment$/, message: 'referralUnderAssessment', params: () => ({}) },
    { action: 'residents.referral.decide', pattern: /^granted$/, message: 'referralGranted', params: () => ({}) },
    { action: 'residents.referral.decide', pattern: /^refused$/, message: 'referralRefused', params: () => ({}) },
    { action: 'residents.rules.update', pattern: /^defaults$/, message: 'rulesDefaults', params: () => ({}) },
    // src/residents/import_service.cpp: the upload, then its outcome.
    {
      action: 'residents.import.submit',
      pattern: /^(\d+) bytes into ([\s\S]+)$/,
      message: 'importSubmitted',
      params: (m) => ({ bytes: m[1]!, unit: m[2]! }),
    },
    {
      action: 'residents.import',
      pattern: /^(\d+) households, (\d+) people$/,
      message: 'importDone',
      params: (m) => ({ households: m[1]!, persons: m[2]! }),
    },
    { action: 'residents.import', pattern: /^(\d+) problems$/, message: 'importRefused', params: (m) => ({ n: m[1]! }) },
  ],
})
