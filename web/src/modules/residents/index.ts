// Residents and households (src/residents, 实有人口): the labels of what the server declares. Its
// pages (lists, the household and person pages, visits) come with the next part of the module.
import { defineModule } from '../types'
import zhCN from './locales/zh-CN'
import en from './locales/en'

export default defineModule({
  name: 'residents',
  group: 'governance',
  messages: { 'zh-CN': zhCN, en },
})
