import { useEffect, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import L from 'leaflet'
import 'leaflet/dist/leaflet.css'
import { Maximize2, WifiOff } from 'lucide-react'
import { useResetOnChange } from '@/lib/useResetOnChange'
import { tileHealth, useTiles } from '../tiles'
import { CameraPopup } from './CameraPopup'
import { useProjectPath } from '@/lib/project'
import { activeFilterCount, serializeFilters, type ImageFilters } from '@/lib/filters'
import { clusterPoints, compactCount } from '../cluster'

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

/** What a pin counts: the images under the current filters, or all of them without filters. */
export function pinCount(c: MapCamera): number {
  return c.filteredCount ?? c.imageCount
}

function icon(c: MapCamera, now: number, selected: boolean) {
  const label = compactCount(pinCount(c))
  return L.divIcon({
    className: 'camera-marker',
    // Only digits, "." and "k" (built above) and a fixed colour: nothing from the data is put into HTML.
    html: `<div class="camera-pin${selected ? ' is-selected' : ''}" style="--pin:${pinColor(c, now)}"><span>${label}</span></div>`,
    iconSize: [34, 42],
    iconAnchor: [17, 40],
    popupAnchor: [0, -36],
  })
}

function clusterIcon(cameras: number, images: number) {
  return L.divIcon({
    className: 'camera-cluster',
    // Numbers only (built here): nothing from the data is put into HTML.
    html: `<div><b>${compactCount(images)}</b><small>${cameras} cams</small></div>`,
    iconSize: [46, 46],
    iconAnchor: [23, 23],
  })
}

/** The gallery under the map's filters, narrowed to one camera. */
export function galleryLinkFor(cameraId: number, filters: Partial<ImageFilters>): string {
  return `/gallery?${serializeFilters({ ...filters, camera_id: [cameraId], page: 1 })}`
}

/** From this zoom on every camera has its own pin (clusters that never split would hide cameras). */
export const NO_CLUSTERS_FROM_ZOOM = 17

export function CameraMap({
  cameras,
  filters,
  selectedId,
  onSelect,
  fitSignal,
}: {
  cameras: MapCamera[]
  filters: ImageFilters
  selectedId: number | null
  onSelect: (id: number | null) => void
  fitSignal: number
}) {
  const elRef = useRef<HTMLDivElement>(null)
  const to = useProjectPath()
  const mapRef = useRef<L.Map | null>(null)
  const layerRef = useRef<L.LayerGroup | null>(null)
  const clusterLayerRef = useRef<L.LayerGroup | null>(null)
  const markersRef = useRef(new Map<number, L.Marker>())
  // A camera chosen in the list while it sat in a cluster: its popup opens once the zoom shows its pin.
  const pendingOpenRef = useRef<number | null>(null)
  const [zoomTick, setZoomTick] = useState(0)
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
    clusterLayerRef.current = L.layerGroup().addTo(map)
    // Clusters are made from screen distances: they are made again at every zoom.
    map.on('zoomend', () => setZoomTick((n) => n + 1))
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
        markersRef.current.set(c.id, marker)
        targetsChanged = true
      } else {
        marker.setLatLng([c.lat, c.lon])
      }
      marker.setIcon(icon(c, now, c.id === selectedId))
    }
    for (const [id, marker] of markersRef.current) {
      if (!seen.has(id)) {
        marker.off()
        marker.remove()
        markersRef.current.delete(id)
        targetsChanged = true
      }
    }
    placePins()
    if (targetsChanged) {
      const targets = new Map<number, HTMLElement>()
      for (const [id, marker] of markersRef.current) targets.set(id, marker.getPopup()!.getContent() as HTMLElement)
      setPopupTargets(targets)
    }
    if (!fittedRef.current && cameras.length) {
      // The first view jumps into place (the old code meant to, but read the ref after setting it).
      // A marker clicked during an animated zoom can lose its popup again when the pins are placed
      // at the zoom's end and the marker joins a cluster.
      fit(false)
      fittedRef.current = true
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cameras, filters, selectedId, zoomTick])

  /** Each camera alone on the map, or in a cluster pin with its neighbours on screen. */
  function placePins() {
    const map = mapRef.current
    const layer = layerRef.current
    const clusterLayer = clusterLayerRef.current
    if (!map || !layer || !clusterLayer) return
    clusterLayer.clearLayers()
    const zoom = map.getZoom()
    const byId = new Map(cameras.map((c) => [c.id, c]))
    const clusters =
      zoom >= NO_CLUSTERS_FROM_ZOOM
        ? cameras.map((c) => ({ ids: [c.id], count: pinCount(c) }))
        : clusterPoints(
            cameras.map((c) => {
              const at = map.project([c.lat, c.lon], zoom)
              return { id: c.id, x: at.x, y: at.y, count: pinCount(c) }
            }),
          )
    for (const cluster of clusters) {
      if (cluster.ids.length === 1) {
        const marker = markersRef.current.get(cluster.ids[0])
        if (!marker) continue
        if (!layer.hasLayer(marker)) marker.addTo(layer)
        marker.getElement()?.setAttribute('data-camera-id', String(cluster.ids[0]))
        marker.getElement()?.setAttribute('data-testid', 'camera-marker')
        continue
      }
      const members = cluster.ids.map((id) => byId.get(id)!).filter(Boolean)
      for (const m of members) {
        const marker = markersRef.current.get(m.id)
        if (marker && layer.hasLayer(marker)) {
          marker.closePopup()
          layer.removeLayer(marker)
        }
      }
      const bounds = L.latLngBounds(members.map((m) => [m.lat, m.lon] as [number, number]))
      const title = `${members.length} cameras, ${cluster.count} images: zoom in`
      const pin = L.marker(bounds.getCenter(), {
        icon: clusterIcon(members.length, cluster.count),
        title,
        alt: title,
        keyboard: true,
        riseOnHover: true,
      })
      pin.on('click', () => map.fitBounds(bounds.pad(0.3), { maxZoom: NO_CLUSTERS_FROM_ZOOM }))
      pin.addTo(clusterLayer)
      const el = pin.getElement()
      el?.setAttribute('data-testid', 'camera-cluster')
      el?.setAttribute('data-count', String(cluster.count))
      el?.setAttribute('data-camera-ids', cluster.ids.join(' '))
    }
    const pending = pendingOpenRef.current
    const marker = pending != null ? markersRef.current.get(pending) : undefined
    if (marker && layer.hasLayer(marker)) {
      pendingOpenRef.current = null
      marker.openPopup()
    }
  }

  // Selecting a camera in the list opens its popup (zooming in first when it sits in a cluster).
  useEffect(() => {
    if (selectedId == null) return
    const marker = markersRef.current.get(selectedId)
    const map = mapRef.current
    const layer = layerRef.current
    if (!marker || !map || !layer || marker.isPopupOpen()) return
    if (layer.hasLayer(marker)) {
      map.panTo(marker.getLatLng())
      marker.openPopup()
    } else {
      pendingOpenRef.current = selectedId
      map.setView(marker.getLatLng(), NO_CLUSTERS_FROM_ZOOM, { animate: false })
    }
  }, [selectedId])

  function fit(animate = true) {
    const map = mapRef.current
    if (!map || cameras.length === 0) return
    const bounds = L.latLngBounds(cameras.map((c) => [c.lat, c.lon] as [number, number]))
    map.fitBounds(bounds.pad(0.15), { maxZoom: 14, animate })
  }

  useEffect(() => {
    if (fitSignal > 0) fit()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fitSignal])

  return (
    <div className="relative h-full w-full">
      {cameras.map((c) => {
        const target = popupTargets.get(c.id)
        return target ? createPortal(<CameraPopup camera={c} link={to(galleryLinkFor(c.id, filters))} filtered={activeFilterCount(filters) > 0} />, target, `popup-${c.id}`) : null
      })}
      <div ref={elRef} className="camera-map h-full w-full" data-testid="camera-map" role="region" aria-label="Map of cameras" />
      <button
        type="button"
        onClick={() => fit()}
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
