// The system module's strings in English (System): the same keys as zh-CN.ts.
import type { SystemMessages } from './zh-CN'

const en: SystemMessages = {
  permissions: {
    'system:metrics:read': 'Read server metrics',
  },
  auditActions: {
    'pii.rekey': 'Re-seal personal data',
    'certificate_key.rotate': 'Rotate the certificate key',
  },
  auditObjects: {
    keyring: 'Encryption key',
  },
  auditDetails: {
    resealed: '{n} values re-sealed',
  },
}

export default en
