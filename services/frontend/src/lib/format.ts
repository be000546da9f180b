/** Display formatting shared by every page. Dates show in the browser's locale and time zone. */

const dateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
})
const dateOnly = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' })
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
const numberFmt = new Intl.NumberFormat()

export function formatDateTime(value?: string | null): string {
  if (!value) return '—'
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? '—' : dateTime.format(d)
}

export function formatDate(value?: string | null): string {
  if (!value) return '—'
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? '—' : dateOnly.format(d)
}

export function formatTime(value?: string | null): string {
  if (!value) return '—'
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? '—' : timeOnly.format(d)
}

export function formatNumber(value?: number | null): string {
  return value === null || value === undefined ? '—' : numberFmt.format(value)
}

export function formatPercent(value?: number | null, digits = 0): string {
  if (value === null || value === undefined) return '—'
  return `${(value * 100).toFixed(digits)}%`
}

/** "3 min ago", "2 h ago", "yesterday", or a date for anything older than a week. */
export function formatRelative(value?: string | null, now: number = Date.now()): string {
  if (!value) return 'never'
  const t = new Date(value).getTime()
  if (Number.isNaN(t)) return '—'
  const s = Math.round((now - t) / 1000)
  if (s < 45) return 'just now'
  const m = Math.round(s / 60)
  if (m < 60) return `${m} min ago`
  const h = Math.round(m / 60)
  if (h < 24) return `${h} h ago`
  const d = Math.round(h / 24)
  if (d === 1) return 'yesterday'
  if (d < 7) return `${d} days ago`
  return formatDate(value)
}

/** Milliseconds between two timestamps, as "850 ms" / "2.4 s" / "3 min". */
export function formatDuration(from?: string | null, to?: string | null): string | null {
  if (!from || !to) return null
  const ms = new Date(to).getTime() - new Date(from).getTime()
  if (!Number.isFinite(ms) || ms < 0) return null
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`
  return `${(ms / 3_600_000).toFixed(1)} h`
}

/** "red_fox" / "Red Fox" / "red fox" → "Red fox". */
export function speciesName(label?: string | null): string {
  if (!label) return 'Unknown'
  const clean = label.replace(/[_-]+/g, ' ').trim()
  return clean.charAt(0).toUpperCase() + clean.slice(1).toLowerCase()
}

/** "1 update", "3 updates": the count with the noun in the right number. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatNumber(count)} ${count === 1 ? singular : pluralForm}`
}

/** A wait as people say it: "30 seconds", "1 minute", "15 minutes" (rounded up to whole minutes). */
export function formatWait(seconds: number): string {
  if (seconds < 60) return plural(Math.max(1, Math.ceil(seconds)), 'second')
  return plural(Math.ceil(seconds / 60), 'minute')
}
