// The jobs module's strings in Simplified Chinese (后台任务): its pages, and the labels of
// what it declares on the server. Reached as t('jobs.…').
const zhCN = {
  title: '后台任务',
  id: '编号',
  kind: '任务类型',
  unit: '所属单位',
  createdBy: '发起人',
  state: '状态',
  progress: '进度',
  attempts: '尝试次数',
  createdAt: '创建时间（北京时间）',
  startedAt: '开始时间',
  finishedAt: '结束时间',
  error: '失败原因',
  empty: '没有符合条件的后台任务',
  autoRefresh: '（有任务在进行，每 {n} 秒自动刷新）',
  cancel: '取消任务',
  cancelTitle: '取消后台任务',
  cancelConfirm: '确定取消“{kind}”任务（编号 {id}）吗？正在运行的任务会在下一个检查点停止。',
  cancelled: '任务已取消',
  stopRequested: '已通知运行该任务的服务器停止',
  cancelRequested: '正在取消',
  states: {
    queued: '排队中',
    running: '运行中',
    done: '已完成',
    failed: '失败',
    cancelled: '已取消',
  },
  permissions: {
    'jobs:job:read': '查看后台任务',
    'jobs:job:cancel': '取消后台任务',
  },
  auditActions: {
    'jobs.job.cancel': '取消后台任务',
  },
  auditObjects: {
    job: '后台任务',
  },
}

export type JobsMessages = typeof zhCN
export default zhCN
