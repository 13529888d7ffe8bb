// Downloads a file the server writes (an Excel export, a report) and saves it under the name the
// server gives: one download at a time per control, and a refusal (too many rows, a year the
// server does not report on, no right) shown once with the server's message. ExportButton and the
// evaluation report's menu both download through it.
import { readonly, shallowRef, type Ref } from 'vue'
import { ElMessage } from 'element-plus'
import { download, errorMessage, type FileRequest } from '@/utils/request'
import { saveFile } from '@/utils/save-file'

export { saveFile }

export interface DownloadOptions {
  /** Where the file goes: saved by the browser unless told otherwise (the tests keep it). */
  save?: (blob: Blob, filename: string) => void
  /** How a refusal is shown: an error message that stays until closed, unless told otherwise. */
  showError?: (message: string) => void
}

export interface Downloader {
  /** A download is under way: the control shows it and a second click does nothing. */
  busy: Readonly<Ref<boolean>>
  /** Downloads and saves the file; false if it was refused (and the reason shown) or another was running. */
  run: (file: FileRequest) => Promise<boolean>
}

function showErrorMessage(message: string): void {
  ElMessage.error({ message, showClose: true, grouping: true })
}

export function useDownload(options: DownloadOptions = {}): Downloader {
  const save = options.save ?? saveFile
  const showError = options.showError ?? showErrorMessage
  const busy = shallowRef(false)

  async function run(file: FileRequest): Promise<boolean> {
    if (busy.value) return false
    busy.value = true
    try {
      const { blob, filename } = await download(file.path, file.query ?? {}, file.accept, file.fallbackName)
      save(blob, filename)
      return true
    } catch (error) {
      showError(errorMessage(error))
      return false
    } finally {
      busy.value = false
    }
  }

  return { busy: readonly(busy), run }
}
