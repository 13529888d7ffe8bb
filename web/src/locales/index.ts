// vue-i18n set-up shared by the console and the resident pages: zh-CN by default, English too.
// The shared strings (./zh-CN, ./en) and, each under its name, every module's (src/modules/).
import { createI18n } from 'vue-i18n'
import zhCN, { type SharedMessages } from './zh-CN'
import en from './en'
import { moduleMessages, type ModuleMessageSchema } from '@/modules/registry'
import { readSetting, writeSetting } from '@/utils/storage'
import { setRequestLanguage } from '@/utils/request'

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/** The remembered language, else zh-CN (the users are Chinese officials and residents). */
export function initialLocale(): Locale {
  const saved = readSetting('locale')
  return isLocale(saved) ? saved : 'zh-CN'
}

export type MessageSchema = SharedMessages & ModuleMessageSchema

/** Every string of the console and the resident pages, by language. */
export const messages: Record<Locale, MessageSchema> = {
  'zh-CN': { ...zhCN, ...moduleMessages('zh-CN') },
  en: { ...en, ...moduleMessages('en') },
}

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages,
})

/** Switches the language everywhere: texts, API messages, the page's lang attribute. */
export function applyLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  writeSetting('locale', locale)
  setRequestLanguage(locale)
  if (typeof document !== 'undefined') {
    document.documentElement.lang = locale
  }
}

declare module 'vue-i18n' {
  // Typed keys for t() in templates and scripts.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface DefineLocaleMessage extends MessageSchema {}
}
