// Hands a file the page holds (a download it fetched itself) to the browser, which saves it. Kept
// apart from composables/useDownload.ts, which shows refusals with Element Plus: the resident
// pages (/h5/) save files too and carry no UI library.

/** Hands a downloaded file to the browser, which saves it as `filename`. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
