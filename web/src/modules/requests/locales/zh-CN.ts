// The requests module's strings in Simplified Chinese (接诉即办): the labels of what the module
// declares on the server. Reached as t('requests.…').
const zhCN = {
  permissions: {
    'requests:case:submit': '提交和查看本人的诉求',
    'requests:case:read': '查看诉求',
    'requests:case:intake': '代居民登记诉求',
    'requests:case:handle': '签收和办理诉求',
    'requests:case:supervise': '督办、转办和结案',
    'requests:catalogue:read': '查看诉求分类',
    'requests:catalogue:manage': '维护诉求分类和工作日历',
  },
  auditActions: {
    'requests.case.submit': '登记诉求',
    'requests.case.step': '办理诉求',
    'requests.calendar.update': '修改工作日历',
    'requests.rating.appeal': '差评申诉',
  },
  auditObjects: {
    request: '诉求',
    calendar: '工作日历',
  },
}

export type RequestsMessages = typeof zhCN
export default zhCN
