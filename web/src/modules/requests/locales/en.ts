// The requests module's strings in English.
import type { RequestsMessages } from './zh-CN'

const en: RequestsMessages = {
  permissions: {
    'requests:case:submit': "Submit and follow one's own requests",
    'requests:case:read': 'View requests',
    'requests:case:intake': "Take requests on a resident's behalf",
    'requests:case:handle': 'Accept and handle requests',
    'requests:case:supervise': 'Supervise, transfer and close requests',
    'requests:catalogue:read': 'View request categories',
    'requests:catalogue:manage': 'Keep the request categories and working calendar',
  },
  auditActions: {
    'requests.case.submit': 'Register a request',
    'requests.case.step': 'Act on a request',
    'requests.calendar.update': 'Change the calendar',
    'requests.rating.appeal': 'Appeal a rating',
  },
  auditObjects: {
    request: 'Request',
    calendar: 'Working calendar',
  },
}

export default en
