import type { Activity, ActivitySeries, AccumulationPoint } from '@/lib/api/types'

/** "00", "01", … "23": the hour labels of the 24-hour activity chart. */
export const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'))

/** An RAI (events per 100 trap-days) for display: one decimal from 10 up, two below; a dash when there is no effort. */
export function formatRai(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—'
  return value >= 10 ? value.toFixed(1) : value.toFixed(2)
}

/** Trap-days for display: whole days stay whole, fractions get one decimal. */
export function formatTrapDays(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1)
}

/** The series of one species (or all together for null); a zero series when the species is not in the data. */
export function activityFor(activity: Activity, species: string | null): ActivitySeries {
  if (species === null) return activity.total
  return activity.species.find((s) => s.species === species) ?? { species, detections: Array(24).fill(0), events: Array(24).fill(0) }
}

/** The busiest local hour(s) of a series, for the chart's accessible summary ("21:00"). Empty when all are 0. */
export function peakHours(values: readonly number[]): string[] {
  const max = Math.max(0, ...values)
  if (max === 0) return []
  return values.flatMap((v, h) => (v === max ? [`${HOURS[h]}:00`] : []))
}

/** Accumulation as (cumulative trap-days, species) points for a line on a numeric x axis. Days adding no
 * effort and no species (a gap between deployments) would stack on one x; only the last of such a run is kept.
 * The curve starts at (0, 0). */
export function accumulationCurve(points: readonly AccumulationPoint[]): { x: number; y: number; date: string }[] {
  if (!points.length) return []
  // The curve starts at no effort and no species, on the first day.
  const out: { x: number; y: number; date: string }[] = [{ x: 0, y: 0, date: points[0].date }]
  for (const p of points) {
    const last = out[out.length - 1]
    if (last && last.x === p.trap_days && last.y === p.species_count) {
      last.date = p.date
      continue
    }
    out.push({ x: p.trap_days, y: p.species_count, date: p.date })
  }
  return out
}
