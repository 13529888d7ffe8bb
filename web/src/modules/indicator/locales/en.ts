// The plan indicators' strings in English.
import type { IndicatorMessages } from './zh-CN'

const en: IndicatorMessages = {
  permissions: {
    'indicator:value:read': "View the plan's indicators",
    'indicator:value:enter': 'Enter indicator values',
    'indicator:value:approve': 'Approve indicator values',
  },
  auditActions: {
    'indicator.value.enter': 'Enter an indicator value',
    'indicator.value.approve': 'Approve an indicator value',
    'indicator.value.unapprove': 'Unapprove an indicator value',
  },
  auditObjects: {
    indicator_value: 'Indicator value',
  },
}

export default en
