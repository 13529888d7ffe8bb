// How the console names a unit and an account wherever they appear: a unit with the last levels of
// its parent path (城关区 › 酒泉路街道 › 畅家巷社区), an account by its display name with its user
// name and unit, never a bare code or account number where a name is known.

/** A unit as org replies carry it; `path` (the units above it, below the province) when sent. */
export interface UnitLike {
  code: string
  name: string
  path?: readonly { code: string; name: string }[] | null
}

export const PATH_SEPARATOR = ' › '

/**
 * The names to show for a unit: its last `depth - 1` ancestors from `path`, then itself. The
 * province and cities have an empty path and show their name alone.
 */
export function unitTrail(unit: UnitLike, depth = 3): string[] {
  const above = (unit.path ?? []).map((p) => p.name).filter(Boolean)
  return [...above.slice(Math.max(0, above.length - (depth - 1))), unit.name]
}

/** "城关区 › 酒泉路街道 › 畅家巷社区". */
export function unitPathText(unit: UnitLike, depth = 3): string {
  return unitTrail(unit, depth).join(PATH_SEPARATOR)
}

/** The whole path from the level below the province, for a tooltip. */
export function unitFullPath(unit: UnitLike): string {
  return unitTrail(unit, Number.MAX_SAFE_INTEGER).join(PATH_SEPARATOR)
}

/** An account as lists and the audit log carry it. */
export interface PersonLike {
  username: string
  displayName?: string | null
  unitName?: string | null
}

/**
 * The parts of a person's label: the display name first (the user name when there is none), then
 * what tells two 张丽 apart: the user name (when it is not already the name) and the unit.
 */
export function personParts(person: PersonLike): { name: string; details: string[] } {
  const display = person.displayName?.trim()
  const name = display || person.username
  const details = [display ? person.username : '', person.unitName?.trim() ?? ''].filter(Boolean)
  return { name, details }
}

/** "畅家巷社区 张丽（changjiaxiang · 畅家巷社区居委会）", as plain text (titles, messages). */
export function personText(person: PersonLike, paren: (x: string) => string = (x) => `（${x}）`): string {
  const { name, details } = personParts(person)
  return details.length ? `${name}${paren(details.join(' · '))}` : name
}

/** A 12-digit division code or a 15-digit grid code shown alone, where a name belongs. */
export const BARE_UNIT_CODE = /^\d{12}(\d{3})?$/
