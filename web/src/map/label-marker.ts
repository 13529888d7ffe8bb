// A name written on a map: a marker whose icon is the text, centred on its point. Leaflet's
// permanent tooltips measure themselves in the page each time they are placed, which makes the
// browser lay the page out once per label; a marker is placed without measuring.
import L from 'leaflet'
import { escapeHtml } from '@/utils/format'

export function textLabel(text: string, at: L.LatLngExpression, options: { pane?: string; className?: string } = {}): L.Marker {
  return L.marker(at, {
    icon: L.divIcon({
      className: 'map-text-label',
      html: `<span class="map-label ${options.className ?? ''}">${escapeHtml(text)}</span>`,
      iconSize: [0, 0],
      iconAnchor: [0, 0],
    }),
    interactive: false,
    keyboard: false,
    ...(options.pane ? { pane: options.pane } : {}),
  })
}
