// Photos of a request before they are sent: the media type to send a chosen file with, which files
// are taken and why the others are not, the room left of the nine, and sending them in turn with
// the server's reason for each refusal.
import { describe, expect, it } from 'vitest'
import { MAX_PHOTOS, MAX_PHOTO_BYTES, choosePhotos, photoFailureReason, photoType, remainingSlots, sendInTurn } from '@/utils/photos'
import { ApiError } from '@/utils/request'

const file = (name: string, type: string, size = 1000) => ({ name, type, size })

describe('photoType', () => {
  it('takes the browser’s JPEG or PNG type', () => {
    expect(photoType(file('a.jpg', 'image/jpeg'))).toBe('image/jpeg')
    expect(photoType(file('a.png', 'image/png'))).toBe('image/png')
    expect(photoType(file('a', 'IMAGE/PNG'))).toBe('image/png')
    expect(photoType(file('a.jpg', 'image/pjpeg'))).toBe('image/jpeg')
  })

  it('reads the extension only when the browser gives no type', () => {
    expect(photoType(file('IMG_0001.JPG', ''))).toBe('image/jpeg')
    expect(photoType(file('scan.jpeg', 'application/octet-stream'))).toBe('image/jpeg')
    expect(photoType(file('shot.png', ''))).toBe('image/png')
    expect(photoType(file('notes.txt', ''))).toBeNull()
  })

  it('refuses other types whatever the name says', () => {
    expect(photoType(file('x.jpg', 'image/svg+xml'))).toBeNull()
    expect(photoType(file('IMG.HEIC', 'image/heic'))).toBeNull()
    expect(photoType(file('a.gif', 'image/gif'))).toBeNull()
    expect(photoType(file('a.webp', 'image/webp'))).toBeNull()
  })
})

describe('remainingSlots', () => {
  it('counts down from nine, never below zero', () => {
    expect(MAX_PHOTOS).toBe(9)
    expect(remainingSlots(0)).toBe(9)
    expect(remainingSlots(7)).toBe(2)
    expect(remainingSlots(9)).toBe(0)
    expect(remainingSlots(12)).toBe(0)
    expect(remainingSlots(-1)).toBe(9)
    expect(remainingSlots(1, 3)).toBe(2)
  })
})

describe('choosePhotos', () => {
  it('takes JPEG and PNG in the order chosen, up to the room left', () => {
    const files = [file('1.jpg', 'image/jpeg'), file('2.png', 'image/png'), file('3.jpg', 'image/jpeg')]
    const choice = choosePhotos(files, 2)
    expect(choice.accepted.map((a) => [a.file.name, a.type])).toEqual([
      ['1.jpg', 'image/jpeg'],
      ['2.png', 'image/png'],
    ])
    expect(choice.refused).toEqual([{ file: files[2], reason: 'full' }])
  })

  it('says why the others are not taken, without using up room', () => {
    const files = [file('a.gif', 'image/gif'), file('big.jpg', 'image/jpeg', MAX_PHOTO_BYTES + 1), file('ok.jpg', 'image/jpeg', MAX_PHOTO_BYTES)]
    const choice = choosePhotos(files, 1)
    expect(choice.accepted.map((a) => a.file.name)).toEqual(['ok.jpg'])
    expect(choice.refused.map((r) => [r.file.name, r.reason])).toEqual([
      ['a.gif', 'type'],
      ['big.jpg', 'size'],
    ])
  })

  it('leaves an empty file and a disguised one to the server', () => {
    const choice = choosePhotos([file('empty.png', 'image/png', 0), file('x.jpg', 'image/jpeg')], 9)
    expect(choice.accepted).toHaveLength(2)
    expect(choice.refused).toEqual([])
  })

  it('takes nothing when the case is full', () => {
    const choice = choosePhotos([file('1.jpg', 'image/jpeg')], 0)
    expect(choice.accepted).toEqual([])
    expect(choice.refused.map((r) => r.reason)).toEqual(['full'])
  })
})

function refusal(reason: string): ApiError {
  return new ApiError(400, { code: 'invalid_argument', message: '参数不合法', details: [{ field: 'photo', reason }] })
}

describe('sendInTurn', () => {
  it('sends one after another, telling the progress, and goes on after a refusal', async () => {
    const order: string[] = []
    const progress: string[] = []
    let running = 0
    const items = ['a.jpg', 'x.jpg', 'c.png'].map((name) => ({ file: { name }, type: 'image/jpeg' as const }))
    const failures = await sendInTurn(
      items,
      async (f) => {
        expect(running).toBe(0)
        running++
        await new Promise((r) => setTimeout(r, 1))
        running--
        order.push(f.name)
        if (f.name === 'x.jpg') throw refusal('只接受 JPEG 或 PNG 格式的照片')
      },
      (n, total) => progress.push(`${n}/${total}`),
    )
    expect(order).toEqual(['a.jpg', 'x.jpg', 'c.png'])
    expect(progress).toEqual(['1/3', '2/3', '3/3'])
    expect(failures).toEqual([{ name: 'x.jpg', reason: '只接受 JPEG 或 PNG 格式的照片' }])
  })

  it('gives the server’s message when it names no photo (a full or closed case)', async () => {
    const full = new ApiError(409, { code: 'conflict', message: '每件诉求最多 9 张照片', details: [] })
    const failures = await sendInTurn([{ file: { name: 'a.jpg' }, type: 'image/jpeg' }], () => Promise.reject(full))
    expect(failures).toEqual([{ name: 'a.jpg', reason: '每件诉求最多 9 张照片' }])
  })

  it('stops when aborted', async () => {
    const abort = new DOMException('aborted', 'AbortError')
    await expect(sendInTurn([{ file: { name: 'a.jpg' }, type: 'image/jpeg' }], () => Promise.reject(abort))).rejects.toBe(abort)
  })
})

describe('photoFailureReason', () => {
  it('prefers the reason given for the photo', () => {
    expect(photoFailureReason(refusal('照片已损坏，无法读取'))).toBe('照片已损坏，无法读取')
    expect(photoFailureReason(new Error('boom'))).toBe('boom')
  })
})
