// A one-line message at the bottom of the phone screen (the resident pages carry no UI library).
import { reactive } from 'vue'

export const toast = reactive({ message: '', visible: false })
let timer: ReturnType<typeof setTimeout> | undefined

export function showToast(message: string, ms = 3000): void {
  toast.message = message
  toast.visible = true
  clearTimeout(timer)
  timer = setTimeout(() => (toast.visible = false), ms)
}
