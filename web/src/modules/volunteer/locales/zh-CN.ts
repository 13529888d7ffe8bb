// The volunteers' strings in Simplified Chinese (志愿服务): the labels of what the module declares
// on the server. Reached as t('volunteer.…').
const zhCN = {
  permissions: {
    'volunteer:self:join': '报名志愿者、参加活动、签到签退',
    'volunteer:roster:manage': '审核和登记志愿者',
    'volunteer:activity:manage': '发布志愿活动、组织签到、确认时长',
    'volunteer:hours:read': '查看志愿者和志愿服务记录',
  },
  auditActions: {
    'volunteer.hours.record': '记录志愿服务时长',
    'volunteer.volunteer.apply': '申请成为志愿者',
    'volunteer.volunteer.register': '登记志愿者',
    'volunteer.volunteer.decide': '审核志愿者申请',
    'volunteer.activity.publish': '发布志愿活动',
    'volunteer.activity.signup': '志愿活动报名或取消',
    'volunteer.activity.check': '志愿活动签到签退',
    'volunteer.activity.confirm': '确认志愿活动时长',
    'volunteer.certificate.issue': '开具志愿服务记录证明',
    'volunteer.organisation.register': '登记社会组织或志愿服务队',
    'volunteer.organisation.member': '社会组织成员加入或退出',
  },
  auditObjects: {
    volunteer: '志愿者',
    volunteer_activity: '志愿活动',
    volunteer_hour: '志愿服务记录',
    volunteer_certificate: '志愿服务记录证明',
    volunteer_organisation: '社会组织',
  },
}

export type VolunteerMessages = typeof zhCN
export default zhCN
