import { useEffect, useReducer, useRef } from 'react'
import L from 'leaflet'
import 'leaflet/dist/leaflet.css'
import { Check, Eraser, Square, Undo2 } from 'lucide-react'
import { Button } from '@/components/Button'
import { cn } from '@/components/cn'
import { useTiles } from '@/features/map'
import { plural } from '@/lib/format'
import { contains, drawReducer, EMPTY_DRAWING, toPolygon, type LatLng, type Polygon } from '../polygon'

export interface AreaCamera {
  id: number
  name: string
  lat: number
  lon: number
}

const INSIDE = '#306a50'
const OUTSIDE = '#a8a29e'
const LINE = '#b45309'

/** The cameras' extent with a margin, as four corners: a starting area without a mouse. */
export function extentCorners(cameras: AreaCamera[], margin = 0.01): LatLng[] {
  const lats = cameras.map((c) => c.lat)
  const lons = cameras.map((c) => c.lon)
  const [s, n, w, e] = [Math.min(...lats) - margin, Math.max(...lats) + margin, Math.min(...lons) - margin, Math.max(...lons) + margin]
  return [
    [s, w],
    [s, e],
    [n, e],
    [n, w],
  ]
}

/**
 * Draw the area of a rule: each click on the map adds a corner; "Close area" (or a click on the first
 * corner) finishes it. Cameras show green inside the area and grey outside, so the effect of the
 * drawing is visible before the rule is saved.
 */
export function AreaMap({
  cameras,
  value,
  onChange,
  error,
}: {
  cameras: AreaCamera[]
  value: Polygon | null
  onChange: (area: Polygon | null) => void
  error?: string
}) {
  const [state, dispatch] = useReducer(drawReducer, value, (initial) => drawReducer(EMPTY_DRAWING, { type: 'load', polygon: initial }))
  const elRef = useRef<HTMLDivElement>(null)
  const mapRef = useRef<L.Map | null>(null)
  const drawingRef = useRef<L.LayerGroup | null>(null)
  const camerasRef = useRef<L.LayerGroup | null>(null)
  const fittedRef = useRef(false)
  const tiles = useTiles()
  const onChangeRef = useRef(onChange)
  useEffect(() => {
    onChangeRef.current = onChange
  })

  // The form holds the polygon only once the outline is closed.
  const closedKey = state.closed ? JSON.stringify(state.points) : ''
  useEffect(() => {
    onChangeRef.current(state.closed ? toPolygon(state.points) : null)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [closedKey])

  useEffect(() => {
    const el = elRef.current
    if (!el) return
    const map = L.map(el, { zoomControl: true, attributionControl: true, minZoom: 2, doubleClickZoom: false }).setView([0, 20], 3)
    mapRef.current = map
    camerasRef.current = L.layerGroup().addTo(map)
    drawingRef.current = L.layerGroup().addTo(map)
    L.control.scale({ imperial: false, position: 'bottomright' }).addTo(map)
    map.on('click', (e: L.LeafletMouseEvent) => dispatch({ type: 'add', point: [e.latlng.lat, e.latlng.lng] }))
    return () => {
      map.off()
      map.stop()
      map.remove()
      mapRef.current = null
    }
  }, [])

  // A new tile layer only when the setting changes, not on every render.
  const tileKey = tiles ? `${tiles.url}\n${tiles.attribution}` : ''
  useEffect(() => {
    const map = mapRef.current
    if (!map || !tileKey) return
    const [url, attribution] = tileKey.split('\n')
    const layer = L.tileLayer(url, { attribution, maxZoom: 19 }).addTo(map)
    return () => {
      layer.remove()
    }
  }, [tileKey])

  // Camera dots, coloured by whether the (closed) area covers them.
  useEffect(() => {
    const layer = camerasRef.current
    const map = mapRef.current
    if (!layer || !map) return
    layer.clearLayers()
    for (const c of cameras) {
      const inside = state.closed && contains(state.points, [c.lat, c.lon])
      L.circleMarker([c.lat, c.lon], {
        radius: 7,
        color: '#fff',
        weight: 2,
        fillColor: inside ? INSIDE : OUTSIDE,
        fillOpacity: 1,
        bubblingMouseEvents: true,
      })
        .bindTooltip(c.name, { direction: 'top', offset: [0, -6] })
        .addTo(layer)
    }
    if (!fittedRef.current && (cameras.length || state.points.length)) {
      fittedRef.current = true
      const all: LatLng[] = [...state.points, ...cameras.map((c) => [c.lat, c.lon] as LatLng)]
      map.fitBounds(L.latLngBounds(all).pad(0.3), { maxZoom: 13, animate: false })
    }
  }, [cameras, state.closed, state.points])

  // The outline being drawn, or the closed area.
  useEffect(() => {
    const layer = drawingRef.current
    if (!layer) return
    layer.clearLayers()
    if (state.closed) {
      L.polygon(state.points, { color: LINE, weight: 2, fillOpacity: 0.15, interactive: false }).addTo(layer)
    } else if (state.points.length > 1) {
      L.polyline(state.points, { color: LINE, weight: 2, dashArray: '6 4', interactive: false }).addTo(layer)
    }
    state.points.forEach((p, i) => {
      const first = i === 0 && !state.closed && state.points.length >= 3
      const marker = L.circleMarker(p, {
        radius: first ? 7 : 5,
        color: LINE,
        weight: 2,
        fillColor: '#fff',
        fillOpacity: 1,
        bubblingMouseEvents: !first,
      }).addTo(layer)
      if (first) marker.on('click', () => dispatch({ type: 'close' }))
    })
  }, [state.points, state.closed])

  const inside = state.closed ? cameras.filter((c) => contains(state.points, [c.lat, c.lon])).length : null
  const status = state.problem
    ? state.problem
    : state.closed
      ? `Area closed: ${plural(inside ?? 0, 'camera', 'cameras')} inside.`
      : state.points.length === 0
        ? 'Click on the map to place the first corner of the area.'
        : `${plural(state.points.length, 'corner', 'corners')}: keep clicking, then close the area.`

  return (
    <div>
      <div
        ref={elRef}
        data-testid="area-map"
        data-corners={state.points.length}
        data-closed={state.closed}
        className={cn('h-[340px] w-full rounded-lg border sm:h-[420px]', error ? 'border-red-400' : 'border-stone-200', !state.closed && 'cursor-crosshair')}
        role="region"
        aria-label="Map for drawing the alert area"
      />
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <Button size="sm" variant="subtle" onClick={() => dispatch({ type: 'close' })} disabled={state.closed || state.points.length < 3} icon={<Check className="h-4 w-4" aria-hidden />}>
          Close area
        </Button>
        <Button size="sm" variant="ghost" onClick={() => dispatch({ type: 'undo' })} disabled={state.points.length === 0} icon={<Undo2 className="h-4 w-4" aria-hidden />}>
          {state.closed ? 'Reopen' : 'Undo corner'}
        </Button>
        <Button size="sm" variant="ghost" onClick={() => dispatch({ type: 'clear' })} disabled={state.points.length === 0} icon={<Eraser className="h-4 w-4" aria-hidden />}>
          Clear
        </Button>
        {cameras.length > 0 && (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              dispatch({ type: 'clear' })
              extentCorners(cameras).forEach((point) => dispatch({ type: 'add', point }))
              dispatch({ type: 'close' })
            }}
            icon={<Square className="h-4 w-4" aria-hidden />}
          >
            Around all cameras
          </Button>
        )}
      </div>
      <p
        role="status"
        data-testid="area-status"
        className={cn('mt-1.5 text-xs', state.problem ? 'text-red-700' : 'text-stone-500')}
      >
        {status}
      </p>
      {error && !state.problem && <p className="mt-1 text-xs text-red-700">{error}</p>}
    </div>
  )
}
