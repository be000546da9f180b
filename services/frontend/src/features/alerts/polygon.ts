/**
 * Drawing an alert area: clicks add corners, "close" turns them into a GeoJSON Polygon. Pure state
 * (a reducer), so the Leaflet component only renders it. The checks mirror the API's (closed ring,
 * at least three distinct corners, no self-crossing), so a drawing the server would refuse says so
 * while it is still on screen.
 */

/** [latitude, longitude], as Leaflet hands clicks over. */
export type LatLng = [number, number]

export interface Polygon {
  type: 'Polygon'
  /** Rings of [longitude, latitude] positions, first == last (GeoJSON order). */
  coordinates: number[][][]
}

export interface DrawState {
  points: LatLng[]
  closed: boolean
  /** Why the last action was refused ("crosses itself"), shown under the map. */
  problem: string | null
}

export type DrawAction =
  | { type: 'add'; point: LatLng }
  | { type: 'undo' }
  | { type: 'close' }
  | { type: 'clear' }
  | { type: 'load'; polygon: Polygon | null }

export const EMPTY_DRAWING: DrawState = { points: [], closed: false, problem: null }

const round = (v: number) => Math.round(v * 1e6) / 1e6 // ~10 cm: enough, and stable in the JSON

function cross(o: LatLng, a: LatLng, b: LatLng): number {
  return (a[1] - o[1]) * (b[0] - o[0]) - (a[0] - o[0]) * (b[1] - o[1])
}

function segmentsCross(p1: LatLng, p2: LatLng, q1: LatLng, q2: LatLng): boolean {
  const d1 = cross(q1, q2, p1)
  const d2 = cross(q1, q2, p2)
  const d3 = cross(p1, p2, q1)
  const d4 = cross(p1, p2, q2)
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))
}

/** Whether the closed ring through `points` crosses itself (neighbouring edges share a corner and don't count). */
export function selfIntersects(points: LatLng[]): boolean {
  const n = points.length
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (j === i + 1 || (i === 0 && j === n - 1)) continue
      if (segmentsCross(points[i], points[(i + 1) % n], points[j], points[(j + 1) % n])) return true
    }
  }
  return false
}

export function area(points: LatLng[]): number {
  let sum = 0
  for (let i = 0; i < points.length; i++) {
    const [y1, x1] = points[i]
    const [y2, x2] = points[(i + 1) % points.length]
    sum += x1 * y2 - x2 * y1
  }
  return Math.abs(sum) / 2
}

export function drawReducer(state: DrawState, action: DrawAction): DrawState {
  switch (action.type) {
    case 'add': {
      if (state.closed) return { ...state, problem: 'The area is closed: clear it to draw a new one' }
      const point: LatLng = [round(action.point[0]), round(action.point[1])]
      const last = state.points[state.points.length - 1]
      if (last && last[0] === point[0] && last[1] === point[1]) return state
      return { points: [...state.points, point], closed: false, problem: null }
    }
    case 'undo':
      if (state.closed) return { ...state, closed: false, problem: null }
      return { points: state.points.slice(0, -1), closed: false, problem: null }
    case 'close': {
      const distinct = new Set(state.points.map((p) => p.join(','))).size
      if (distinct < 3) return { ...state, problem: 'An area needs at least three corners' }
      if (area(state.points) < 1e-12) return { ...state, problem: 'The corners lie on one line: the area is empty' }
      if (selfIntersects(state.points)) return { ...state, problem: 'The outline crosses itself: undo the last corner and try another' }
      return { ...state, closed: true, problem: null }
    }
    case 'clear':
      return EMPTY_DRAWING
    case 'load':
      return action.polygon ? { points: pointsOf(action.polygon), closed: true, problem: null } : EMPTY_DRAWING
  }
}

/** The GeoJSON the API takes: [lon, lat] and the first corner repeated at the end. */
export function toPolygon(points: LatLng[]): Polygon {
  const ring = points.map(([lat, lon]) => [lon, lat])
  return { type: 'Polygon', coordinates: [[...ring, ring[0]]] }
}

/** The corners of a stored polygon's outer ring, without the repeated last one. */
export function pointsOf(polygon: Polygon): LatLng[] {
  const ring = polygon.coordinates[0] ?? []
  const open = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1] ? ring.slice(0, -1) : ring
  return open.map(([lon, lat]) => [lat, lon])
}

/** Ray casting; a point on the boundary may fall either way, as it does for the eye. */
export function contains(points: LatLng[], [lat, lon]: LatLng): boolean {
  let inside = false
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [yi, xi] = points[i]
    const [yj, xj] = points[j]
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}
