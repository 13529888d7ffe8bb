// Colours of the 15-minute circle map and table: a sequential red → yellow → green scale for
// "how much is within reach" (ColorBrewer RdYlGn ends), and a categorical palette for facility types.

type Rgb = [number, number, number]

const RED: Rgb = [0xd7, 0x30, 0x27]
const YELLOW: Rgb = [0xfe, 0xe0, 0x8b]
const GREEN: Rgb = [0x1a, 0x98, 0x50]

/** Shown for "no value" (a unit without residences). */
export const NO_VALUE_COLOR = '#c0c4cc'

function hex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t]
}

function clamp01(t: number): number {
  return Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0
}

function rampRgb(t: number): Rgb {
  const x = clamp01(t)
  return x <= 0.5 ? mix(RED, YELLOW, x * 2) : mix(YELLOW, GREEN, (x - 0.5) * 2)
}

/** The scale at t ∈ [0, 1]: red at 0, yellow at ½, green at 1 (values outside are clamped). */
export function rampColor(t: number): string {
  return hex(rampRgb(t))
}

/**
 * The colour of a residence that reaches `reached` of the `basicTypes` basic types: red for none,
 * green for all. With no basic types defined every residence reaches "all" of them.
 */
export function reachColor(reached: number, basicTypes: number): string {
  if (basicTypes <= 0) return rampColor(1)
  return rampColor(reached / basicTypes)
}

/** A light tint of the scale for a table cell's background; null share (no residences): none. */
export function shareBackground(share: number | null): string {
  if (share === null) return ''
  return hex(mix(rampRgb(share), [255, 255, 255], 0.55))
}

export interface LegendStep {
  value: number
  color: string
}

/**
 * The legend of the residences' scale: every count from 0 to `basicTypes` when there are at most
 * ten, otherwise six evenly spread counts (always 0 and the top).
 */
export function legendSteps(basicTypes: number): LegendStep[] {
  const top = Math.max(0, Math.floor(basicTypes))
  let values: number[]
  if (top <= 10) {
    values = Array.from({ length: top + 1 }, (_, i) => i)
  } else {
    values = [...new Set(Array.from({ length: 6 }, (_, i) => Math.round((top * i) / 5)))]
  }
  return values.map((value) => ({ value, color: reachColor(value, top) }))
}

/** Facility types, in the order the server lists them: no reds or greens, which the residences use. */
const TYPE_PALETTE = [
  '#2f6fb4',
  '#8e44ad',
  '#e67e22',
  '#17becf',
  '#8c564b',
  '#2c3e50',
  '#e377c2',
  '#7f7f7f',
  '#1f3a93',
  '#bcbd22',
  '#6c3483',
  '#a04000',
]

/** The colour of the index-th facility type; the palette repeats after twelve types. */
export function typeColor(index: number): string {
  const i = ((Math.floor(index) % TYPE_PALETTE.length) + TYPE_PALETTE.length) % TYPE_PALETTE.length
  return TYPE_PALETTE[i] as string
}
