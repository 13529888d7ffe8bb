// The facility registry's strings in Simplified Chinese (服务设施): the labels of what it declares
// on the server. Reached as t('facility.…').
const zhCN = {
  permissions: {
    'facility:registry:read': '查看服务设施',
    'facility:registry:write': '登记和修改服务设施',
  },
  auditActions: {
    'facility.create': '登记服务设施',
    'facility.update': '修改服务设施',
    'facility.import': '导入服务设施',
    'facility.figures.update': '修改村（社区）基础数据',
  },
  auditDetails: {
    year: '{year} 年',
    imported: '共 {n} 处设施',
  },
  auditObjects: {
    facility: '服务设施',
  },
}

export type FacilityMessages = typeof zhCN
export default zhCN
