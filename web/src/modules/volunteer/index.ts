// Volunteers (src/volunteer, 志愿服务): residents who volunteer, activities, check-in by code and
// the chained hour record. Its pages come with the console work of issue 15; declared here for
// the labels of its permissions, audit actions and object types.
import { defineModule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

export default defineModule({
  name: 'volunteer',
  messages: { 'zh-CN': zhCN, en },
})
