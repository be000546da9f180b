import { useEffect, useRef } from 'react'
import L from 'leaflet'
import 'leaflet/dist/leaflet.css'
import { useTiles } from '../tiles'
import { pickedPoint } from '../picked-point'

/**
 * A small map to place a point by clicking; the typed coordinates beside it stay the accessible way
 * (and the only one without tiles). Shows the current point, when the coordinates are valid.
 */
export function LocationPicker({
  lat,
  lon,
  onPick,
  label,
}: {
  lat: number | null
  lon: number | null
  onPick: (point: { lat: number; lon: number }) => void
  label: string
}) {
  const elRef = useRef<HTMLDivElement>(null)
  const mapRef = useRef<L.Map | null>(null)
  const markerRef = useRef<L.CircleMarker | null>(null)
  const onPickRef = useRef(onPick)
  useEffect(() => {
    onPickRef.current = onPick
  })
  const tiles = useTiles()
  const tileKey = tiles ? `${tiles.url}\n${tiles.attribution}` : 'none'

  useEffect(() => {
    const el = elRef.current
    if (!el) return
    const map = L.map(el, { worldCopyJump: true, minZoom: 1 }).setView([0, 20], 2)
    mapRef.current = map
    map.on('click', (event: L.LeafletMouseEvent) => onPickRef.current(pickedPoint(event.latlng.lat, event.latlng.lng)))
    return () => {
      map.off()
      map.stop()
      map.remove()
      mapRef.current = null
      markerRef.current = null
    }
  }, [])

  useEffect(() => {
    const map = mapRef.current
    if (!map || !tiles) return
    const layer = L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 19 }).addTo(map)
    return () => {
      layer.remove()
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tileKey])

  const valid = lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180
  useEffect(() => {
    const map = mapRef.current
    if (!map) return
    if (!valid) {
      markerRef.current?.remove()
      markerRef.current = null
      return
    }
    const point: L.LatLngTuple = [lat, lon]
    if (markerRef.current) markerRef.current.setLatLng(point)
    else {
      markerRef.current = L.circleMarker(point, { radius: 8, color: '#1f4d3a', weight: 3, fillColor: '#4e9a75', fillOpacity: 0.9 }).addTo(map)
      // The first point: bring it into view at a useful zoom; later clicks leave the view alone.
      map.setView(point, Math.max(map.getZoom(), 12))
    }
  }, [valid, lat, lon])

  return (
    <div
      ref={elRef}
      className="h-48 w-full overflow-hidden rounded-lg border border-stone-300"
      data-testid="location-picker"
      role="region"
      aria-label={label}
    />
  )
}
