// Where something is, in words: the server names a gap, a proposed site or a facility by its
// address or the nearest named street ("Boulevard des Moulins 附近"); coordinates only as a
// secondary detail, or as the name when the server found none.

/** "43.73512° N, 7.42010° E": degrees with 5 decimals (about a metre), hemisphere letters. */
export function formatCoordinates(lat: number, lon: number): string {
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return ''
  const ns = lat < 0 ? 'S' : 'N'
  const ew = lon < 0 ? 'W' : 'E'
  return `${Math.abs(lat).toFixed(5)}° ${ns}, ${Math.abs(lon).toFixed(5)}° ${ew}`
}

export interface PlaceLabel {
  /** What to show: the place's name, else its coordinates. */
  primary: string
  /** The coordinates beside a name (smaller, for those who need them); null when they are the name. */
  secondary: string | null
  /** The server named the place. */
  named: boolean
}

/** A place's name (blank counts as none) with its coordinates as the detail. */
export function placeLabel(place: string | null | undefined, lat: number, lon: number): PlaceLabel {
  const name = place?.trim() ?? ''
  const coordinates = formatCoordinates(lat, lon)
  return name ? { primary: name, secondary: coordinates, named: true } : { primary: coordinates, secondary: null, named: false }
}
