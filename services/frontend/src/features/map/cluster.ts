/**
 * Clustering of map pins, small enough to own (no plugin, nothing fetched): pins closer than a radius
 * on screen become one cluster pin that shows how many images its cameras hold under the current
 * filters. Clusters are recomputed from screen positions at every zoom, so they split as you zoom in.
 */
export interface ScreenPoint {
  id: number
  /** Pixel position at the current zoom (Leaflet's `map.project`). */
  x: number
  y: number
  /** Images of this camera under the current filters. */
  count: number
}

export interface Cluster {
  ids: number[]
  x: number
  y: number
  count: number
}

/** Pins whose centres are closer than this many pixels share a cluster. */
export const CLUSTER_RADIUS_PX = 44

/**
 * Greedy clustering: the busiest pin not yet taken starts a cluster and takes every free pin within
 * `radius` of it. Deterministic (ties by id), and a pin alone is a cluster of one.
 */
export function clusterPoints(points: ScreenPoint[], radius = CLUSTER_RADIUS_PX): Cluster[] {
  const order = [...points].sort((a, b) => b.count - a.count || a.id - b.id)
  const taken = new Set<number>()
  const clusters: Cluster[] = []
  const r2 = radius * radius
  for (const seed of order) {
    if (taken.has(seed.id)) continue
    const members = order.filter((p) => !taken.has(p.id) && (p.x - seed.x) ** 2 + (p.y - seed.y) ** 2 < r2)
    for (const m of members) taken.add(m.id)
    clusters.push({
      ids: members.map((m) => m.id).sort((a, b) => a - b),
      x: members.reduce((s, m) => s + m.x, 0) / members.length,
      y: members.reduce((s, m) => s + m.y, 0) / members.length,
      count: members.reduce((s, m) => s + m.count, 0),
    })
  }
  return clusters
}

/** A count as short as a pin allows: 999, 1.2k, 12k, 1.2M. */
export function compactCount(n: number): string {
  if (n < 1000) return String(n)
  if (n < 1_000_000) return `${n < 10_000 ? Math.round(n / 100) / 10 : Math.round(n / 1000)}k`
  return `${Math.round(n / 100_000) / 10}M`
}
