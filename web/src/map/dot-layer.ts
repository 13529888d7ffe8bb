// Many points on a map (thousands of residences): one canvas, redrawn whole after every move or
// zoom, instead of one Leaflet marker object per point (23,000 homes took 0.75 s as markers).
// The points are projected once (Web Mercator, as Leaflet's default CRS), so that a redraw is a
// multiplication and an addition per point.
import L from 'leaflet'
import { discMask, parseColor, stampDots } from './dots'

export interface DotLayerOptions extends L.LayerOptions {
  pane: string
  radius: number
  opacity: number
}

export interface DotGroup {
  color: string
  /** x and y of each dot in the unit square of Web Mercator, interleaved (projectGroups). */
  xy: Float64Array
}

/** A layer of dots in their own canvas; `setDots` replaces them (groups in drawing order, one colour each). */
export class DotLayer extends L.Layer {
  declare options: DotLayerOptions
  private canvas: HTMLCanvasElement | null = null
  private groups: readonly DotGroup[] = []
  private frame = 0

  constructor(options: DotLayerOptions) {
    super(options)
    L.Util.setOptions(this, options)
  }

  setDots(groups: readonly DotGroup[]): this {
    this.groups = groups.filter((g) => g.xy.length > 0)
    this.redraw()
    return this
  }

  override onAdd(map: L.Map): this {
    // Hidden while a zoom animates (the dots would stay at the old scale), drawn again after.
    this.canvas = L.DomUtil.create('canvas', 'leaflet-zoom-hide map-dots')
    map.getPane(this.options.pane)?.appendChild(this.canvas)
    map.on('moveend zoomend resize viewreset', this.redraw, this)
    this.draw()
    return this
  }

  override onRemove(map: L.Map): this {
    map.off('moveend zoomend resize viewreset', this.redraw, this)
    cancelAnimationFrame(this.frame)
    this.frame = 0
    this.canvas?.remove()
    this.canvas = null
    return this
  }

  /** Draws again at the next frame: one fitting of the view fires three events. */
  redraw(): void {
    if (this.frame || !this.canvas) return
    this.frame = requestAnimationFrame(() => {
      this.frame = 0
      this.draw()
    })
  }

  private draw(): void {
    const map = this._map as L.Map | undefined
    const canvas = this.canvas
    if (!map || !canvas) return
    const size = map.getSize()
    const ratio = window.devicePixelRatio || 1
    // The canvas covers the map's view; its corner follows the map pane's offset after a pan.
    const corner = map.containerPointToLayerPoint([0, 0])
    L.DomUtil.setPosition(canvas, corner)
    canvas.width = Math.round(size.x * ratio)
    canvas.height = Math.round(size.y * ratio)
    canvas.style.width = `${size.x}px`
    canvas.style.height = `${size.y}px`
    const ctx = canvas.getContext('2d')
    if (!ctx) return
    // A container point = the point's pixel at this zoom − the pixel origin − the corner's offset;
    // in device pixels, the dots stamped into the canvas's pixels directly (paths of tens of
    // thousands of arcs, or as many drawImage calls, take hundreds of milliseconds in software).
    const scale = (map.options.crs?.scale(map.getZoom()) ?? 256 * 2 ** map.getZoom()) * ratio
    const origin = map.getPixelOrigin()
    const dx = (origin.x + corner.x) * ratio
    const dy = (origin.y + corner.y) * ratio
    const image = ctx.createImageData(canvas.width, canvas.height)
    const mask = discMask(this.options.radius * ratio)
    for (const { color, xy } of this.groups) {
      stampDots(image, xy, scale, dx, dy, mask, parseColor(color), this.options.opacity)
    }
    ctx.putImageData(image, 0, 0)
  }
}
