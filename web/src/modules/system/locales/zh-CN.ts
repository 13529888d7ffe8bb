// The system module's strings in Simplified Chinese (系统): its pages, and the labels of
// what it declares on the server. Reached as t('system.…').
const zhCN = {
  permissions: {
    'system:metrics:read': '查看运行指标',
  },
  auditActions: {
    'pii.rekey': '个人信息重新加密',
    'certificate_key.rotate': '更换证明签名密钥',
  },
  auditObjects: {
    keyring: '加密密钥',
  },
  auditDetails: {
    resealed: '重新加密 {n} 项',
  },
}

export type SystemMessages = typeof zhCN
export default zhCN
