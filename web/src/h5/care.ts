// Care mode (长辈版) of the resident pages: large text, large touch targets, one plain column,
// high contrast. Chosen on the device and remembered there (not per account: an elderly resident's
// phone stays in care mode across sign-outs, and the sign-in page is large too).
import { ref } from 'vue'
import { readSetting, writeSetting } from '@/utils/storage'

const KEY = 'h5.careMode'
/** The class on <html> that the care-mode styles in h5.css hang on. */
export const CARE_CLASS = 'h5-care'

/** Whether this device has care mode switched on. */
export function readCareMode(): boolean {
  return readSetting(KEY) === 'on'
}

/** The care mode of the page; change it with setCareMode(). */
export const careMode = ref(readCareMode())

/** Switches care mode, remembers it on the device and applies it to the page. */
export function setCareMode(on: boolean): void {
  careMode.value = on
  writeSetting(KEY, on ? 'on' : null)
  applyCareMode()
}

/** Puts the page's <html> in or out of care mode, as careMode says. */
export function applyCareMode(): void {
  if (typeof document === 'undefined') return
  document.documentElement.classList.toggle(CARE_CLASS, careMode.value)
}
