import { useEffect, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import L from 'leaflet'
import 'leaflet/dist/leaflet.css'
import { Maximize2, WifiOff } from 'lucide-react'
import { useResetOnChange } from '@/lib/useResetOnChange'
import { tileHealth, useTiles } from '../tiles'
import { CameraPopup } from './CameraPopup'
import { useProjectPath } from '@/lib/project'

export interface MapCamera {
  id: number
  name: string
  lat: number
  lon: number
  site: string | null
  lastImageAt: string | null
  imageCount: number
  /** Images under the current filters, when filters are active. */
  filteredCount: number | null
  battery: number | null
  isAssigned: boolean
}

function pinColor(c: MapCamera, now: number): string {
  if (!c.isAssigned) return '#78716c'
  if (c.filteredCount === 0) return '#a8a29e'
  const age = c.lastImageAt ? now - new Date(c.lastImageAt).getTime() : Infinity
  if (age < 24 * 3600_000) return '#306a50'
  if (age < 7 * 24 * 3600_000) return '#b9824b'
  return '#9a673f'
}

function icon(c: MapCamera, now: number, selected: boolean) {
  const count = c.filteredCount ?? c.imageCount
  const label = count >= 1000 ? `${Math.round(count / 100) / 10}k` : String(count)
  return L.divIcon({
    className: 'camera-marker',
    // Only digits, "." and "k" (built above) and a fixed colour: nothing from the data is put into HTML.
    html: `<div class="camera-pin${selected ? ' is-selected' : ''}" style="--pin:${pinColor(c, now)}"><span>${label}</span></div>`,
    iconSize: [34, 42],
    iconAnchor: [17, 40],
    popupAnchor: [0, -36],
  })
}

export function galleryLinkFor(cameraId: number, filters: { date_from?: string; date_to?: string; species: string[] }): string {
  const params = new URLSearchParams()
  if (filters.date_from) params.set('date_from', filters.date_from)
  if (filters.date_to) params.set('date_to', filters.date_to)
  params.append('camera_id', String(cameraId))
  filters.species.forEach((s) => params.append('species', s))
  return `/gallery?${params}`
}

export function CameraMap({
  cameras,
  filters,
  selectedId,
  onSelect,
  fitSignal,
}: {
  cameras: MapCamera[]
  filters: { date_from?: string; date_to?: string; species: string[] }
  selectedId: number | null
  onSelect: (id: number | null) => void
  fitSignal: number
}) {
  const elRef = useRef<HTMLDivElement>(null)
  const to = useProjectPath()
  const mapRef = useRef<L.Map | null>(null)
  const layerRef = useRef<L.LayerGroup | null>(null)
  const markersRef = useRef(new Map<number, L.Marker>())
  const fittedRef = useRef(false)
  // One container per marker that Leaflet shows as the popup; React renders CameraPopup into it.
  const [popupTargets, setPopupTargets] = useState(new Map<number, HTMLElement>())
  const onSelectRef = useRef(onSelect)
  useEffect(() => {
    onSelectRef.current = onSelect
  })
  const tiles = useTiles()
  // The base map, once the tile setting is known (GET /api/config); markers work without it.
  const tileKey = tiles === undefined ? 'pending' : tiles === null ? 'none' : `${tiles.url}\n${tiles.attribution}`
  const [tilesFailing, setTilesFailing] = useState(false)
  useResetOnChange(tileKey, () => setTilesFailing(false))
  const tilesDown = tiles === null || tilesFailing

  // Create the map once.
  useEffect(() => {
    const el = elRef.current
    if (!el) return
    const map = L.map(el, { zoomControl: true, attributionControl: true, worldCopyJump: true, minZoom: 2 }).setView([0, 20], 3)
    mapRef.current = map
    layerRef.current = L.layerGroup().addTo(map)
    // Distances still make sense on a blank background when tiles are unavailable.
    L.control.scale({ imperial: false, position: 'bottomright' }).addTo(map)
    const markers = markersRef.current
    return () => {
      // Leaving the page with a popup open: close it and stop pan/zoom animations first, so no
      // animation frame or popup handler runs on a removed map ("this._fn is not a function").
      for (const marker of markers.values()) marker.off()
      map.off()
      map.closePopup()
      map.stop()
      map.remove()
      mapRef.current = null
      markers.clear()
    }
  }, [])

  useEffect(() => {
    const map = mapRef.current
    if (!map || !tiles) return
    const health = tileHealth(setTilesFailing)
    const layer = L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 19 })
    layer.on('tileload', health.loaded)
    layer.on('tileerror', health.failed)
    layer.addTo(map)
    return () => {
      health.stop()
      layer.remove()
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tileKey])

  // Markers follow the data.
  useEffect(() => {
    const layer = layerRef.current
    if (!layer) return
    const now = Date.now()
    const seen = new Set<number>()
    let targetsChanged = false
    for (const c of cameras) {
      seen.add(c.id)
      let marker = markersRef.current.get(c.id)
      if (!marker) {
        marker = L.marker([c.lat, c.lon], { title: c.name, alt: `Camera ${c.name}`, keyboard: true, riseOnHover: true })
        marker.on('click', () => onSelectRef.current(c.id))
        marker.on('popupclose', () => onSelectRef.current(null))
        // React fills the container after this effect; the popup re-measures itself when it opens.
        marker.bindPopup(document.createElement('div'), { minWidth: 220, maxWidth: 280 })
        marker.addTo(layer)
        markersRef.current.set(c.id, marker)
        targetsChanged = true
      } else {
        marker.setLatLng([c.lat, c.lon])
      }
      marker.setIcon(icon(c, now, c.id === selectedId))
      marker.getElement()?.setAttribute('data-camera-id', String(c.id))
      marker.getElement()?.setAttribute('data-testid', 'camera-marker')
    }
    for (const [id, marker] of markersRef.current) {
      if (!seen.has(id)) {
        marker.off()
        marker.remove()
        markersRef.current.delete(id)
        targetsChanged = true
      }
    }
    if (targetsChanged) {
      const targets = new Map<number, HTMLElement>()
      for (const [id, marker] of markersRef.current) targets.set(id, marker.getPopup()!.getContent() as HTMLElement)
      setPopupTargets(targets)
    }
    if (!fittedRef.current && cameras.length) {
      fittedRef.current = true
      fit()
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cameras, filters, selectedId])

  // Selecting a camera in the list opens its popup.
  useEffect(() => {
    if (selectedId == null) return
    const marker = markersRef.current.get(selectedId)
    const map = mapRef.current
    if (marker && map && !marker.isPopupOpen()) {
      map.panTo(marker.getLatLng())
      marker.openPopup()
    }
  }, [selectedId])

  function fit() {
    const map = mapRef.current
    if (!map || cameras.length === 0) return
    const bounds = L.latLngBounds(cameras.map((c) => [c.lat, c.lon] as [number, number]))
    map.fitBounds(bounds.pad(0.15), { maxZoom: 14, animate: fittedRef.current })
  }

  useEffect(() => {
    if (fitSignal > 0) fit()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fitSignal])

  return (
    <div className="relative h-full w-full">
      {cameras.map((c) => {
        const target = popupTargets.get(c.id)
        return target ? createPortal(<CameraPopup camera={c} link={to(galleryLinkFor(c.id, filters))} />, target, `popup-${c.id}`) : null
      })}
      <div ref={elRef} className="camera-map h-full w-full" data-testid="camera-map" role="region" aria-label="Map of cameras" />
      <button
        type="button"
        onClick={fit}
        className="absolute right-3 top-3 z-[500] inline-flex items-center gap-1.5 rounded-lg border border-stone-300 bg-white px-3 py-1.5 text-xs font-semibold text-stone-700 shadow-card hover:bg-stone-50"
        aria-label="Zoom to fit all cameras"
      >
        <Maximize2 className="h-3.5 w-3.5" aria-hidden /> Fit all cameras
      </button>
      {tilesDown && (
        <div
          role="status"
          data-testid="tiles-offline"
          className="absolute bottom-3 left-3 z-[500] inline-flex items-center gap-1.5 rounded-lg bg-white/90 px-2.5 py-1.5 text-xs text-stone-600 shadow-card backdrop-blur"
        >
          <WifiOff className="h-3.5 w-3.5 text-stone-500" aria-hidden />
          {tiles === null
            ? 'No base map configured — camera positions are still accurate'
            : 'Map tiles unavailable offline — camera positions are still accurate'}
        </div>
      )}
    </div>
  )
}
