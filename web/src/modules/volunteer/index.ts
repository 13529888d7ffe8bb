// Volunteers (src/volunteer, 志愿服务, ADR 0030): residents who volunteer, activities, check-in by a
// short-lived code and the chained hour record. The strings of its pages (the console's, the
// resident's, the public check of a certificate), the labels of its permissions, audit actions and
// object types, and how the audit log reads the details it writes.
import { defineModule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

export default defineModule({
  name: 'volunteer',
  messages: { 'zh-CN': zhCN, en },
  // The fixed shapes of the details src/volunteer writes (volunteer_service.cpp, hour_record.cpp).
  auditDetailRules: [
    {
      action: 'volunteer.hours.record',
      pattern: /^mac ([0-9a-f]+) volunteer (\d+) activity (\d+) minutes (-?\d+)$/,
      message: 'hourRecorded',
      params: (m) => ({ mac: m[1]!, volunteer: m[2]!, activity: m[3]!, minutes: m[4]! }),
    },
    { action: 'volunteer.activity.signup', pattern: /^volunteer (\d+)$/, message: 'volunteerNumber', params: (m) => ({ id: m[1]! }) },
    { action: 'volunteer.activity.check', pattern: /^volunteer (\d+)$/, message: 'volunteerNumber', params: (m) => ({ id: m[1]! }) },
    { action: 'volunteer.activity.confirm', pattern: /^(\d+) entries$/, message: 'entriesWritten', params: (m) => ({ n: m[1]! }) },
  ],
})
