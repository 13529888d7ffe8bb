// The three lists (src/lists, 三项清单: 需求清单、资源清单和项目清单): staff register the needs
// residents have (in a village, community or grid) and the service resources of their area; for an
// open need the server proposes the nearest resources with room over the walking network, staff
// confirm one and record how it went. The projects for residents' livelihoods (民生项目) are
// registered with their budget and reported on as they go; published, they show on the resident
// pages, where residents comment, and staff publish or hide each comment (评论审核). A menu group of
// its own, 三项清单.
import { ChatDotRound, Collection, Flag, Memo } from '@element-plus/icons-vue'
import { CATEGORIES, OUTCOMES } from '@/api/lists'
import { defineModule, type DetailLabels } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

const NEED_READ = 'lists:need:read'
const NEED_WRITE = 'lists:need:write'
const RESOURCE_READ = 'lists:resource:read'
const RESOURCE_WRITE = 'lists:resource:write'
const PROJECT_READ = 'lists:project:read'
const PROJECT_WRITE = 'lists:project:write'

/** The detail of a need's audit entry: its category. */
const NEED_CATEGORY = new RegExp(`^(${CATEGORIES.join('|')})$`)
const needCategory = (m: RegExpExecArray, labels: DetailLabels) => ({ category: labels.message(`lists.categories.${m[1]!}`) })

export default defineModule({
  name: 'lists',
  group: 'lists',
  routes: [
    // ?unit=&status=&category=&urgency= filter the list (the urgent needs' to-do opens it so).
    {
      path: 'lists/needs',
      name: 'lists-needs',
      component: () => import('@/views/lists/NeedList.vue'),
      meta: { title: 'lists.needs.title', icon: Memo, permission: NEED_READ, menu: { order: 10 } },
    },
    {
      path: 'lists/needs/new',
      name: 'lists-need-new',
      component: () => import('@/views/lists/NeedForm.vue'),
      meta: { title: 'lists.needForm.title', permission: NEED_WRITE },
    },
    {
      path: 'lists/needs/:id(\\d+)',
      name: 'lists-need-detail',
      component: () => import('@/views/lists/NeedDetail.vue'),
      meta: { title: 'lists.detail.title', permission: NEED_READ },
    },
    // ?unit=&category= filter the list.
    {
      path: 'lists/resources',
      name: 'lists-resources',
      component: () => import('@/views/lists/ResourceList.vue'),
      meta: { title: 'lists.resources.title', icon: Collection, permission: RESOURCE_READ, menu: { order: 20 } },
    },
    {
      path: 'lists/resources/new',
      name: 'lists-resource-new',
      component: () => import('@/views/lists/ResourceForm.vue'),
      meta: { title: 'lists.resourceForm.newTitle', permission: RESOURCE_WRITE },
    },
    {
      path: 'lists/resources/:id(\\d+)/edit',
      name: 'lists-resource-edit',
      component: () => import('@/views/lists/ResourceForm.vue'),
      meta: { title: 'lists.resourceForm.editTitle', permission: RESOURCE_WRITE },
    },
    // ?unit=&status= filter the list.
    {
      path: 'lists/projects',
      name: 'lists-projects',
      component: () => import('@/views/lists/ProjectList.vue'),
      meta: { title: 'lists.projects.title', icon: Flag, permission: PROJECT_READ, menu: { order: 30 } },
    },
    {
      path: 'lists/projects/new',
      name: 'lists-project-new',
      component: () => import('@/views/lists/ProjectForm.vue'),
      meta: { title: 'lists.projectForm.newTitle', permission: PROJECT_WRITE },
    },
    {
      path: 'lists/projects/:id(\\d+)',
      name: 'lists-project-detail',
      component: () => import('@/views/lists/ProjectDetail.vue'),
      meta: { title: 'lists.projectDetail.title', permission: PROJECT_READ },
    },
    {
      path: 'lists/projects/:id(\\d+)/edit',
      name: 'lists-project-edit',
      component: () => import('@/views/lists/ProjectForm.vue'),
      meta: { title: 'lists.projectForm.editTitle', permission: PROJECT_WRITE },
    },
    // ?unit=&state= filter the comments (the pending comments' to-do opens it so).
    {
      path: 'lists/comments',
      name: 'lists-comments',
      component: () => import('@/views/lists/CommentList.vue'),
      meta: { title: 'lists.comments.title', icon: ChatDotRound, permission: PROJECT_WRITE, menu: { order: 40 } },
    },
  ],
  messages: { 'zh-CN': zhCN, en },
  // The fixed shapes of the details src/lists/lists_service.cpp writes (a resource's name and a
  // closing note read as written).
  auditDetailRules: [
    // A need registered by staff or raised by a resident: its category.
    { action: 'lists.need.create', pattern: NEED_CATEGORY, message: 'category', params: needCategory },
    { action: 'lists.need.raise', pattern: NEED_CATEGORY, message: 'category', params: needCategory },
    {
      action: 'lists.resource.update',
      pattern: /^capacity (\d+), version (\d+)$/,
      message: 'capacity',
      params: (m) => ({ capacity: m[1]!, version: m[2]! }),
    },
    { action: 'lists.match.confirm', pattern: /^resource (\d+)$/, message: 'resource', params: (m) => ({ id: m[1]! }) },
    {
      action: 'lists.match.outcome',
      pattern: new RegExp(`^match (\\d+): (${OUTCOMES.join('|')})$`),
      message: 'outcome',
      params: (m, labels) => ({ id: m[1]!, outcome: labels.message(`lists.outcomes.${m[2]!}`) }),
    },
  ],
  todos: {
    'lists.needs.urgent': { to: { name: 'lists-needs', query: { status: 'open', urgency: 'urgent' } } },
    // The list filters no source: the open needs, residents' among them (居民提出 in 来源).
    'lists.needs.raised': { to: { name: 'lists-needs', query: { status: 'open', source: 'h5' } } },
    'lists.comments.pending': { to: { name: 'lists-comments', query: { state: 'pending' } } },
  },
})
