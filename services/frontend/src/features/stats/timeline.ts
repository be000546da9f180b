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
  return t.getTime() <= end ? sorted : out
}

const COARSER: Partial<Record<Interval, Interval>> = { hour: 'day', day: 'week', week: 'month' }
const INTERVAL_MS: Record<Exclude<Interval, 'month'>, number> = { hour: 3_600_000, day: 86_400_000, week: 604_800_000 }

/** The UTC start of the hour, day, week (Monday) or month holding `timestamp`, as the API buckets them. */
export function periodStart(timestamp: string, interval: Interval): Date {
  const d = new Date(timestamp)
  if (interval === 'hour') return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours()))
  if (interval === 'month') return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1))
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())
  return interval === 'week' ? new Date(day - ((d.getUTCDay() + 6) % 7) * INTERVAL_MS.day) : new Date(day)
}

function periodCount(first: string, last: string, interval: Interval): number {
  const a = periodStart(first, interval)
  const b = periodStart(last, interval)
  if (interval === 'month') return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth() + 1
  return Math.round((b.getTime() - a.getTime()) / INTERVAL_MS[interval]) + 1
}

/** What the chart draws: the asked interval, or the first coarser one whose bars fit `maxBars`.
 * Five years of days would be 1,800 bars of a pixel or less: a lone early image vanishes and a
 * season shows as a spike at the right edge, so the days are summed into weeks or months instead. */
export function chartTimeline(
  points: ReadonlyArray<{ timestamp: string; count: number }>,
  interval: Interval,
  maxBars = 200,
): { points: { timestamp: string; count: number }[]; interval: Interval; periods: number } {
  if (points.length === 0) return { points: [], interval, periods: 0 }
  const sorted = [...points].sort((a, b) => a.timestamp.localeCompare(b.timestamp))
  const first = sorted[0].timestamp
  const last = sorted[sorted.length - 1].timestamp
  const periods = periodCount(first, last, interval)
  let shown = interval
  for (let next = COARSER[shown]; next && periodCount(first, last, shown) > maxBars; next = COARSER[shown]) shown = next
  if (shown === interval) return { points: fillTimeline(sorted, interval, maxBars), interval, periods }
  const sums = new Map<number, number>()
  for (const p of sorted) {
    const start = periodStart(p.timestamp, shown).getTime()
    sums.set(start, (sums.get(start) ?? 0) + p.count)
  }
  const grouped = [...sums].map(([t, count]) => ({ timestamp: new Date(t).toISOString(), count }))
  return { points: fillTimeline(grouped, shown, maxBars), interval: shown, periods }
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
