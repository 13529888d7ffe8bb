// The residents module's strings in English (Residents): the same keys as zh-CN.ts.
import type { ResidentsMessages } from './zh-CN'

const en: ResidentsMessages = {
  title: 'Residents',
  permissions: {
    'residents:person:read': 'View residents (masked)',
    'residents:person:write': 'Register and correct residents',
    'residents:person:reveal': "Reveal a resident's personal data and export it",
    'residents:person:sensitive': 'See and set the sensitive tags (mental disorder, community correction)',
    'residents:visit:record': 'Record home visits',
    'residents:referral:decide': 'Decide the assessments visits refer',
    'residents:rules:manage': 'Set who is visited how often',
  },
  auditActions: {
    'residents.household.create': 'Register a household',
    'residents.household.read': 'Open a household',
    'residents.person.create': 'Register a resident',
    'residents.person.read': "Open a resident's record",
    'residents.person.update': 'Correct a resident',
    'residents.person.move': "Record a resident's move",
    'residents.person.search': 'Find a resident by ID or phone',
    'residents.person.reveal': "Reveal a resident's personal data",
    'residents.person.export': "Export a resident's personal data",
    'residents.person.anonymise': 'Anonymise a resident who moved away',
    'residents.visit.record': 'Record a home visit',
    'residents.visit.read': "Read a person's visits",
    'residents.referral.create': 'Refer a person for an assessment',
    'residents.referral.decide': 'Decide a referred assessment',
    'residents.rules.update': 'Set who is visited how often',
  },
  auditObjects: {
    household: 'Household',
    resident: 'Resident',
    visit: 'Home visit',
    referral: 'Referral',
    care_rules: 'Visit rules',
  },
}

export default en
