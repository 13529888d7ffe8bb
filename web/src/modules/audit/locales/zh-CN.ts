// The audit module's strings in Simplified Chinese (审计): its pages, and the labels of
// what it declares on the server. Reached as t('audit.…').
const zhCN = {
  title: '审计日志',
  dateRange: '时间范围',
  from: '开始日期',
  to: '结束日期',
  username: '用户名',
  actor: '操作人',
  action: '操作',
  time: '时间（北京时间）',
  role: '角色',
  unit: '操作人单位',
  objectUnit: '对象所属单位',
  unitGone: '该单位现已不存在，仅记有代码',
  object: '操作对象',
  result: '结果',
  sourceIp: '来源地址',
  requestId: '请求编号',
  detail: '说明',
  empty: '所选时间范围内没有审计记录',
  results: {
    success: '成功',
    failure: '失败',
    denied: '拒绝',
    locked: '账号已锁定',
    locked_out: '失败并锁定',
    disabled: '账号已停用',
    unknown_user: '用户不存在',
    totp_failure: '动态口令错误',
    summary: '多次失败汇总',
    refused: '越权被拒',
    not_found: '未找到',
  },
  cards: {
    today: '今日审计记录',
    open: '查看审计日志',
    count: '今日共 {n} 条',
  },
  permissions: {
    'audit:log:read': '查看审计日志',
  },
  auditActions: {
    'audit.purge': '清理审计日志',
    'audit.list.export': '导出列表',
  },
  auditObjects: {
    audit_log: '审计日志',
    list: '列表',
  },
  auditDetails: {
    purged: '清理了 {before} 之前的 {n} 条记录',
    exported: '导出 {n} 行',
    exportedFiltered: '导出 {n} 行（条件：{filters}）',
  },
}

export type AuditMessages = typeof zhCN
export default zhCN
