// The volunteers' strings in English.
import type { VolunteerMessages } from './zh-CN'

const en: VolunteerMessages = {
  permissions: {
    'volunteer:self:join': 'Volunteer, join activities, check in',
    'volunteer:roster:manage': 'Approve and register volunteers',
    'volunteer:activity:manage': 'Publish activities, run check-in, confirm hours',
    'volunteer:hours:read': 'Read volunteers and their hour record',
  },
  auditActions: {
    'volunteer.hours.record': 'Record volunteer hours',
    'volunteer.volunteer.apply': 'Apply to volunteer',
    'volunteer.volunteer.register': 'Register a volunteer',
    'volunteer.volunteer.decide': "Decide a volunteer's application",
    'volunteer.activity.publish': 'Publish a volunteer activity',
    'volunteer.activity.signup': 'Sign up for an activity or cancel',
    'volunteer.activity.check': 'Check in or out of an activity',
    'volunteer.activity.confirm': "Confirm an activity's hours",
    'volunteer.certificate.issue': 'Issue a certificate of volunteer hours',
    'volunteer.organisation.register': 'Register an organisation or volunteer team',
    'volunteer.organisation.member': 'A member joins or leaves an organisation',
  },
  auditObjects: {
    volunteer: 'Volunteer',
    volunteer_activity: 'Volunteer activity',
    volunteer_hour: 'Volunteer hour entry',
    volunteer_certificate: 'Certificate of volunteer hours',
    volunteer_organisation: 'Organisation',
  },
}

export default en
