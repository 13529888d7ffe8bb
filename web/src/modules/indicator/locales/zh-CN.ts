// The plan indicators' strings in Simplified Chinese (规划指标): the labels of what the module
// declares on the server. Reached as t('indicator.…').
const zhCN = {
  permissions: {
    'indicator:value:read': '查看规划指标',
    'indicator:value:enter': '填报指标数值',
    'indicator:value:approve': '审核指标数值',
  },
  auditActions: {
    'indicator.value.enter': '填报指标数值',
    'indicator.value.approve': '审核指标数值',
    'indicator.value.unapprove': '撤销指标数值审核',
  },
  auditObjects: {
    indicator_value: '指标数值',
  },
}

export type IndicatorMessages = typeof zhCN
export default zhCN
