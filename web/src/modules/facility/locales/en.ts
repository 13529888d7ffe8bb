// The facility registry's strings in English.
import type { FacilityMessages } from './zh-CN'

const en: FacilityMessages = {
  permissions: {
    'facility:registry:read': 'View service facilities',
    'facility:registry:write': 'Register and change facilities',
  },
  auditActions: {
    'facility.create': 'Register a facility',
    'facility.update': 'Change a facility',
    'facility.import': 'Import facilities',
    'facility.figures.update': "Change a community's base figures",
  },
  auditDetails: {
    year: 'year {year}',
    imported: '{n} facilities',
  },
  auditObjects: {
    facility: 'Service facility',
  },
}

export default en
