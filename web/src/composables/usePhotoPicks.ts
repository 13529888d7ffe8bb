// Photos chosen for a request not yet sent (the hotline desk's intake, the resident's form): each
// with a preview (an object URL, given back when the photo is removed, the list cleared or the page
// left) and, for the files not taken, why (not JPEG or PNG, too large, no room left). The console
// and the resident pages show them each in their own way.
import { computed, onBeforeUnmount, shallowRef } from 'vue'
import { MAX_PHOTOS, choosePhotos, remainingSlots, type PhotoRefusal, type PhotoType } from '@/utils/photos'

export interface PickedPhoto {
  key: number
  file: File
  type: PhotoType
  /** An object URL of the file, for its preview. */
  url: string
}

export interface PhotoRefused {
  name: string
  reason: PhotoRefusal
}

export function usePhotoPicks(max = MAX_PHOTOS) {
  const picks = shallowRef<PickedPhoto[]>([])
  const refused = shallowRef<PhotoRefused[]>([])
  let next = 1

  const room = computed(() => remainingSlots(picks.value.length, max))

  /** Takes what a file input gave (then empties the input, so the same file may be chosen again). */
  function add(files: FileList | readonly File[] | null | undefined, input?: HTMLInputElement): void {
    const choice = choosePhotos(Array.from(files ?? []), room.value)
    picks.value = [...picks.value, ...choice.accepted.map(({ file, type }) => ({ key: next++, file, type, url: URL.createObjectURL(file) }))]
    refused.value = choice.refused.map(({ file, reason }) => ({ name: file.name, reason }))
    if (input) input.value = ''
  }

  function remove(key: number): void {
    const gone = picks.value.find((p) => p.key === key)
    if (gone) URL.revokeObjectURL(gone.url)
    picks.value = picks.value.filter((p) => p.key !== key)
    refused.value = []
  }

  function clear(): void {
    for (const p of picks.value) URL.revokeObjectURL(p.url)
    picks.value = []
    refused.value = []
  }

  onBeforeUnmount(clear)

  return { picks, refused, room, max, add, remove, clear }
}
