// Statistical division codes (统计用区划代码): 12 digits for units, 15 for grids.
// The code's prefix tells the ancestors: 2 digits province, 4 city, 6 county, 9 township,
// 12 village/community, 15 grid.

export type CodeLevel = 1 | 2 | 3 | 4 | 5 | 6

const PREFIX_BY_LEVEL: Record<CodeLevel, number> = { 1: 2, 2: 4, 3: 6, 4: 9, 5: 12, 6: 15 }

export function isUnitCode(code: string): boolean {
  return /^\d{12}$/.test(code) || /^\d{15}$/.test(code)
}

/** The level a code denotes, read from its trailing zeros. */
export function codeLevel(code: string): CodeLevel {
  if (code.length === 15) return 6
  if (/^\d{2}0{10}$/.test(code)) return 1
  if (/^\d{4}0{8}$/.test(code)) return 2
  if (/^\d{6}0{6}$/.test(code)) return 3
  if (/^\d{9}0{3}$/.test(code)) return 4
  return 5
}

/** The significant prefix of a code: "6201" for 620100000000. */
export function codePrefix(code: string): string {
  return code.slice(0, PREFIX_BY_LEVEL[codeLevel(code)])
}

/** True when `code` is `root` or lies below it. */
export function isWithin(code: string, root: string): boolean {
  return code.startsWith(codePrefix(root))
}

/** The 6-digit county code (adcode) that encloses a unit at county level or below, else null. */
export function countyAdcode(code: string): string | null {
  return codeLevel(code) >= 3 ? code.slice(0, 6) : null
}

/** The 6-digit city code (adcode) that encloses a unit at city level or below, else null. */
export function cityAdcode(code: string): string | null {
  return codeLevel(code) >= 2 ? `${code.slice(0, 4)}00` : null
}

/** The 12-digit unit code of a 6-digit adcode (620102 → 620102000000). */
export function unitCodeOfAdcode(adcode: string): string {
  return adcode.padEnd(12, '0')
}

/**
 * The smallest set of roots that covers every code given: codes that lie under another one are
 * dropped. Used to turn a user's role units into the roots of the unit tree.
 */
export function scopeRoots(codes: readonly string[]): string[] {
  const unique = [...new Set(codes)].sort((a, b) => codeLevel(a) - codeLevel(b) || a.localeCompare(b))
  const roots: string[] = []
  for (const code of unique) {
    if (!roots.some((root) => isWithin(code, root))) roots.push(code)
  }
  return roots
}
