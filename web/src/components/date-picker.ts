// Element Plus's date picker with its styles, in a chunk of its own: with dayjs and its plugins it
// is most of a list page's code (110 kB of the audit log's 115 kB), and DateRangeFilter builds it
// only when the user reaches for the filter.
import 'element-plus/es/components/date-picker/style/css'

export { ElDatePicker } from 'element-plus'
