// Reading a QR code with the phone's camera, where the browser can: the Shape Detection API's
// BarcodeDetector (Chrome on Android, among others) on frames of the back camera. Where it cannot
// (Safari, most desktop browsers, older phones), the page offers typing or pasting the code
// instead, which always works.

interface DetectedBarcode {
  rawValue: string
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>
}
type BarcodeDetectorType = new (options?: { formats?: string[] }) => BarcodeDetectorLike

function detectorType(): BarcodeDetectorType | null {
  const found = (globalThis as { BarcodeDetector?: BarcodeDetectorType }).BarcodeDetector
  return typeof found === 'function' ? found : null
}

/** The camera can be asked for and its frames read for QR codes. */
export function canScan(): boolean {
  return detectorType() !== null && typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function'
}

export interface Scan {
  /** Stops reading and turns the camera off. */
  stop: () => void
}

/** How often a frame is read (a phone's battery matters more than a tenth of a second). */
const READ_EVERY_MS = 250

/**
 * Shows the back camera in `video` and reads its frames until a QR code is found: `onCode` gets
 * its text, and the camera goes off. `onError` gets what kept it from starting (no permission,
 * no camera); the camera is off then too.
 */
export async function scanQr(video: HTMLVideoElement, onCode: (text: string) => void, onError: (error: unknown) => void): Promise<Scan> {
  const Detector = detectorType()
  let stream: MediaStream | null = null
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  const stop = () => {
    stopped = true
    if (timer !== undefined) clearTimeout(timer)
    for (const track of stream?.getTracks() ?? []) track.stop()
    video.srcObject = null
  }
  try {
    if (!Detector) throw new Error('BarcodeDetector is not available')
    const detector = new Detector({ formats: ['qr_code'] })
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
    if (stopped) {
      stop()
      return { stop }
    }
    video.srcObject = stream
    video.setAttribute('playsinline', '')
    video.muted = true
    await video.play()
    const read = async () => {
      if (stopped) return
      try {
        const found = await detector.detect(video)
        const text = found.find((b) => b.rawValue)?.rawValue
        if (text && !stopped) {
          stop()
          onCode(text)
          return
        }
      } catch {
        // A frame not ready yet: the next one.
      }
      if (!stopped) timer = setTimeout(() => void read(), READ_EVERY_MS)
    }
    void read()
  } catch (error) {
    stop()
    onError(error)
  }
  return { stop }
}
