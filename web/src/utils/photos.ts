// Photos of a request (诉求照片), before they are sent: which chosen files to take, with which media
// type, and how many more a case may have. A courtesy only: the server recognises JPEG and PNG by
// their content and decides; the client never reads or changes the pictures.
import { ApiError, errorMessage } from '@/utils/request'

/** The photos a case may have (docs/api.md). */
export const MAX_PHOTOS = 9
/** The largest photo the server takes. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024
/** The `accept` of a file input for photos. */
export const PHOTO_ACCEPT = 'image/jpeg,image/png'

export type PhotoType = 'image/jpeg' | 'image/png'

/** What a file input gives: a name, a media type (may be empty), a size. */
export interface ChosenFile {
  name: string
  type: string
  size: number
}

/**
 * The media type to send a chosen file with: the browser's when it is JPEG or PNG, else from the
 * name's extension when the browser gave none (some phones do not); null for anything else.
 */
export function photoType(file: Pick<ChosenFile, 'name' | 'type'>): PhotoType | null {
  const type = file.type.toLowerCase()
  if (type === 'image/jpeg' || type === 'image/png') return type
  if (type === 'image/jpg' || type === 'image/pjpeg') return 'image/jpeg'
  if (type !== '' && type !== 'application/octet-stream') return null
  const name = file.name.toLowerCase()
  if (name.endsWith('.jpg') || name.endsWith('.jpeg')) return 'image/jpeg'
  if (name.endsWith('.png')) return 'image/png'
  return null
}

/** How many more photos a case with `count` may have. */
export function remainingSlots(count: number, max = MAX_PHOTOS): number {
  return Math.max(0, max - Math.max(0, count))
}

/** Why a chosen file is not taken: not JPEG or PNG, too large, or no room left. */
export type PhotoRefusal = 'type' | 'size' | 'full'

export interface PhotoChoice<F extends ChosenFile> {
  /** The files to send, in the order chosen, each with its media type. */
  accepted: { file: F; type: PhotoType }[]
  refused: { file: F; reason: PhotoRefusal }[]
}

/**
 * Sorts the files just chosen: JPEG or PNG of at most MAX_PHOTO_BYTES (an empty one is left to the
 * server, which says so), as many as `room` allows, in the order chosen; the rest with the reason.
 */
export function choosePhotos<F extends ChosenFile>(files: Iterable<F>, room: number): PhotoChoice<F> {
  const out: PhotoChoice<F> = { accepted: [], refused: [] }
  for (const file of files) {
    const type = photoType(file)
    if (!type) out.refused.push({ file, reason: 'type' })
    else if (file.size > MAX_PHOTO_BYTES) out.refused.push({ file, reason: 'size' })
    else if (out.accepted.length >= room) out.refused.push({ file, reason: 'full' })
    else out.accepted.push({ file, type })
  }
  return out
}

/** A photo the server did not take, by the name it was chosen with, and why. */
export interface PhotoFailure {
  name: string
  reason: string
}

/** Why an upload failed, as the server said it: its reason for the photo, else its message. */
export function photoFailureReason(error: unknown): string {
  if (error instanceof ApiError) return error.fieldReason('photo') || errorMessage(error)
  return errorMessage(error)
}

/**
 * Sends the photos one after another (a phone's connection carries one at a time best, and the
 * server counts them in order); a refusal does not stop the others. `progress` is told before
 * each one (1-based). The failures, in order; none when all were taken.
 */
export async function sendInTurn<F extends { name: string }>(
  items: readonly { file: F; type: PhotoType }[],
  send: (file: F, type: PhotoType) => Promise<unknown>,
  progress?: (current: number, total: number) => void,
): Promise<PhotoFailure[]> {
  const failures: PhotoFailure[] = []
  for (const [i, item] of items.entries()) {
    progress?.(i + 1, items.length)
    try {
      await send(item.file, item.type)
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error
      failures.push({ name: item.file.name, reason: photoFailureReason(error) })
    }
  }
  return failures
}
