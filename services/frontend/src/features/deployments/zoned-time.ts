/**
 * Wall-clock times in a deployment's own time zone. A field worker writes down "set up at 14:05" in
 * local time wherever the camera is, not in the browser's zone; the form shows and reads times in the
 * deployment's IANA zone and the API stores UTC.
 */

/** Offset of `zone` from UTC at the instant `utcMs`, in milliseconds (positive east of Greenwich). */
function offsetAt(utcMs: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs))
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return asUtc - Math.floor(utcMs / 1000) * 1000
}

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/

/**
 * `YYYY-MM-DDTHH:mm` (a datetime-local value) read in `zone`, as an ISO UTC string; null when the text
 * is not such a value. In a DST gap (a wall time that does not exist) the time after the gap is used.
 */
export function zonedToUtc(local: string, zone: string): string | null {
  const m = LOCAL_RE.exec(local)
  if (!m) return null
  const [, y, mo, d, h, mi, s] = m
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0))
  if (Number.isNaN(wall)) return null
  // The offset depends on the instant, which depends on the offset: two rounds settle it, DST included.
  let utc = wall - offsetAt(wall, zone)
  utc = wall - offsetAt(utc, zone)
  return new Date(utc).toISOString()
}

/** An ISO instant as the `YYYY-MM-DDTHH:mm` wall time in `zone` (for a datetime-local input). */
export function utcToZoned(iso: string, zone: string): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return ''
  return new Date(ms + offsetAt(ms, zone)).toISOString().slice(0, 16)
}
