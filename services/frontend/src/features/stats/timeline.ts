import type { Interval } from './api/stats'

/** The API lists every interval of the range, zeros included; this keeps a chart honest for data from
 * elsewhere (and older servers) that leaves empty intervals out. */
export function fillTimeline(
  points: ReadonlyArray<{ timestamp: string; count: number }>,
  interval: Interval,
  maxBuckets = 400,
): { timestamp: string; count: number }[] {
  if (points.length < 2) return [...points]
  const sorted = [...points].sort((a, b) => a.timestamp.localeCompare(b.timestamp))
  const byTime = new Map(sorted.map((p) => [new Date(p.timestamp).getTime(), p.count]))
  const out: { timestamp: string; count: number }[] = []
  let t = new Date(sorted[0].timestamp)
  const end = new Date(sorted[sorted.length - 1].timestamp).getTime()
  while (t.getTime() <= end && out.length < maxBuckets) {
    out.push({ timestamp: t.toISOString(), count: byTime.get(t.getTime()) ?? 0 })
    t = step(t, interval)
  }
  return out.length >= maxBuckets ? sorted : out
}

function step(d: Date, interval: Interval): Date {
  const n = new Date(d.getTime())
  if (interval === 'hour') n.setUTCHours(n.getUTCHours() + 1)
  else if (interval === 'day') n.setUTCDate(n.getUTCDate() + 1)
  else if (interval === 'week') n.setUTCDate(n.getUTCDate() + 7)
  else n.setUTCMonth(n.getUTCMonth() + 1)
  return n
}

/** Axis label of a bucket; the year is shown when the data spans more than one year. */
export function bucketLabel(timestamp: string, interval: Interval, withYear = false): string {
  const d = new Date(timestamp)
  const year = withYear ? ({ year: 'numeric' } as const) : {}
  if (interval === 'hour')
    return d.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', ...year })
  if (interval === 'month') return d.toLocaleDateString(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' })
  return d.toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC', ...year })
}

export function spansYears(points: ReadonlyArray<{ timestamp: string }>): boolean {
  if (points.length < 2) return false
  const years = points.map((p) => new Date(p.timestamp).getUTCFullYear())
  return Math.min(...years) !== Math.max(...years)
}
