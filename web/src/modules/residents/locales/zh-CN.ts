// The residents module's strings in Simplified Chinese (实有人口): the labels of what it declares
// on the server. Reached as t('residents.…').
const zhCN = {
  title: '实有人口',
  permissions: {
    'residents:person:read': '查看实有人口（脱敏）',
    'residents:person:write': '登记和更正实有人口',
    'residents:person:reveal': '查看居民个人信息明文并导出个人信息',
    'residents:person:sensitive': '查看和标注特殊人群标签（精神障碍、社区矫正）',
    'residents:visit:record': '记录入户走访',
    'residents:referral:decide': '办理走访转介的低保特困审核',
    'residents:rules:manage': '设置走访对象和频次',
  },
  auditActions: {
    'residents.household.create': '登记户',
    'residents.household.read': '查看户信息',
    'residents.person.create': '登记居民',
    'residents.person.read': '查看居民信息',
    'residents.person.update': '更正居民信息',
    'residents.person.move': '居民迁入迁出',
    'residents.person.search': '按身份证号或电话查找居民',
    'residents.person.reveal': '查看居民个人信息明文',
    'residents.person.export': '导出居民个人信息',
    'residents.person.anonymise': '匿名化迁出居民信息',
    'residents.visit.record': '记录入户走访',
    'residents.visit.read': '查看走访记录',
    'residents.referral.create': '走访转介低保特困审核',
    'residents.referral.decide': '办理转介审核',
    'residents.rules.update': '设置走访对象和频次',
  },
  auditObjects: {
    household: '户',
    resident: '居民',
    visit: '入户走访',
    referral: '走访转介',
    care_rules: '走访频次规则',
  },
}

export type ResidentsMessages = typeof zhCN
export default zhCN
