// Names written on a map that would overlap (narrow neighbouring areas side by side): each moved up
// or down, by whole label heights, to the first place where it overlaps none placed before it.

/** A label's box on screen: its centre and size, in CSS pixels. */
export interface LabelBox {
  x: number
  y: number
  width: number
  height: number
}

function overlaps(a: LabelBox, b: LabelBox, gap: number): boolean {
  return Math.abs(a.x - b.x) * 2 < a.width + b.width + 2 * gap && Math.abs(a.y - b.y) * 2 < a.height + b.height + 2 * gap
}

/**
 * The vertical shift of each label (in order: earlier labels keep their place), trying 0, +1, −1,
 * +2, −2 … `steps` label heights; a label that finds no free place stays where it is.
 */
export function spreadLabels(boxes: readonly LabelBox[], gap = 2, steps = 3): number[] {
  const placed: LabelBox[] = []
  return boxes.map((box) => {
    const tries = [0]
    for (let i = 1; i <= steps; i++) tries.push(i, -i)
    for (const k of tries) {
      const dy = k * (box.height + gap)
      const moved = { ...box, y: box.y + dy }
      if (!placed.some((p) => overlaps(moved, p, gap))) {
        placed.push(moved)
        return dy
      }
    }
    placed.push(box)
    return 0
  })
}

/**
 * How wide a label's text is, in CSS pixels, without asking the page (reading an element's size
 * makes the browser lay the whole page out, once per label): Chinese characters are as wide as
 * the font is high, other characters about 0.6 of it; plus the label's padding.
 */
export function labelWidth(text: string, fontSize = 12, padding = 4): number {
  let width = 0
  for (const ch of text) width += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch) ? fontSize : fontSize * 0.6
  return Math.ceil(width + 2 * padding)
}
