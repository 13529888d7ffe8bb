// Keeps unsaved edits from being lost by leaving the page: while `dirty()` holds, a move to another
// page or to other query parameters of this one (another year) waits for `ask()` to agree, and
// closing or reloading the tab makes the browser ask its own question (it shows no text of ours).
// The page says what is at stake in `ask` (an ElMessageBox in the console).
import { onBeforeUnmount, onMounted } from 'vue'
import { onBeforeRouteLeave, onBeforeRouteUpdate } from 'vue-router'

export function useLeaveGuard(dirty: () => boolean, ask: () => Promise<boolean>): void {
  const guard = async (): Promise<boolean> => (dirty() ? ask() : true)
  onBeforeRouteLeave(guard)
  onBeforeRouteUpdate(guard)

  const beforeUnload = (event: BeforeUnloadEvent): void => {
    if (!dirty()) return
    event.preventDefault()
    // Older browsers ask only when returnValue is set.
    event.returnValue = ''
  }
  onMounted(() => window.addEventListener('beforeunload', beforeUnload))
  onBeforeUnmount(() => window.removeEventListener('beforeunload', beforeUnload))
}
