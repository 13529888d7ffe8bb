// Console-wide preferences: language and the collapsed menu.
import { defineStore } from 'pinia'
import { applyLocale, initialLocale, type Locale } from '@/locales'
import { readSetting, writeSetting } from '@/utils/storage'

export const useAppStore = defineStore('app', {
  state: () => ({
    locale: initialLocale() as Locale,
    sidebarCollapsed: readSetting('sidebarCollapsed') === '1',
  }),
  actions: {
    setLocale(locale: Locale): void {
      this.locale = locale
      applyLocale(locale)
    },
    toggleSidebar(): void {
      this.sidebarCollapsed = !this.sidebarCollapsed
      writeSetting('sidebarCollapsed', this.sidebarCollapsed ? '1' : '0')
    },
  },
})
