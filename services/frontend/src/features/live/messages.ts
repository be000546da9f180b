/** Turns pipeline events into the short sentences shown as toasts, and into the queries to refresh. */
import type { ToastInput } from '@/components/Toasts'
import { plural, speciesName } from '@/lib/format'
import type { LiveEvent } from './socket'

export interface SpeciesCount {
  label: string
  count: number
}

/** Accepts the shapes a pipeline event may carry species in: [{label,count}], ["fox","fox"], {fox: 2}. */
export function speciesCounts(event: LiveEvent): SpeciesCount[] {
  const raw = event.species
  const counts = new Map<string, number>()
  const add = (label: unknown, n: unknown = 1) => {
    if (typeof label !== 'string' || !label) return
    const count = typeof n === 'number' && Number.isFinite(n) ? n : 1
    counts.set(label, (counts.get(label) ?? 0) + count)
  }
  if (Array.isArray(raw)) {
    for (const item of raw) {
      if (typeof item === 'string') add(item)
      else if (item && typeof item === 'object') {
        const o = item as Record<string, unknown>
        add(o.label ?? o.species ?? o.name, o.count)
      }
    }
  } else if (raw && typeof raw === 'object') {
    for (const [label, n] of Object.entries(raw as Record<string, unknown>)) add(label, n)
  }
  return Array.from(counts, ([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count)
}

export function cameraLabel(event: LiveEvent, names?: Map<number, string>): string {
  if (event.camera_name) return event.camera_name
  if (event.camera_id != null) return names?.get(event.camera_id) ?? `Camera ${event.camera_id}`
  return 'an unassigned camera'
}

/** "2 × red fox and 1 × wild boar". */
export function speciesSentence(counts: SpeciesCount[]): string {
  const parts = counts.map((c) => `${c.count} × ${speciesName(c.label).toLowerCase()}`)
  if (parts.length <= 1) return parts[0] ?? ''
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`
}

/**
 * The toast for one event, or null for events that only refresh data quietly. `base` is the
 * current project's path (`/p/wolves`), so the link opens the image inside it.
 */
export function toastForEvent(event: LiveEvent, names?: Map<number, string>, base = ''): ToastInput | null {
  const camera = cameraLabel(event, names)
  const link = event.image_id ? { to: `${base}/images/${event.image_id}`, label: 'View image' } : undefined
  switch (event.type) {
    case 'image_ingested':
      return { title: `New image from ${camera}`, tone: 'camera', link }
    case 'classification_complete': {
      const counts = speciesCounts(event)
      // A reprocessed image (rerun) refreshes the data quietly: a reprocess of thousands is no news.
      if (counts.length === 0 || event.rerun === true) return null
      return { title: `${speciesSentence(counts)} at ${camera}`, tone: 'species', link }
    }
    case 'image_failed':
      return {
        title: `Processing failed for an image from ${camera}`,
        description: typeof event.error === 'string' ? event.error.slice(0, 140) : undefined,
        tone: 'error',
        link,
      }
    case 'image_rejected':
      return {
        title: `Upload from ${camera} rejected`,
        description: typeof event.error === 'string' ? event.error.slice(0, 140) : undefined,
        tone: 'error',
        link,
      }
    case 'alert_fired':
      return alertToast(event, camera, base, link)
    default:
      return null
  }
}

/**
 * "Alert: Wolves near the fold": the rule that fired, what matched (species at a camera, or the
 * health reason), and a link to the alert's entry in the history, which shows its deliveries and
 * links to the image.
 */
function alertToast(event: LiveEvent, camera: string, base: string, imageLink?: ToastInput['link']): ToastInput {
  const rule = typeof event.rule_name === 'string' && event.rule_name ? event.rule_name : 'a rule'
  const counts = speciesCounts(event)
  const reason = typeof event.reason === 'string' ? event.reason.slice(0, 160) : undefined
  const alertId = typeof event.alert_id === 'number' || typeof event.alert_id === 'string' ? String(event.alert_id) : null
  return {
    title: `Alert: ${rule}`,
    description: counts.length ? `${speciesSentence(counts)} at ${camera}` : reason,
    tone: 'alert',
    link: alertId ? { to: `${base}/alerts/history/${encodeURIComponent(alertId)}`, label: 'View alert' } : imageLink,
    // An alert is worth more than a passing glance: it stays until dismissed.
    duration: 0,
  }
}

/** Whether an event belongs to the project on screen (events without a project_id are shown everywhere). */
export function isForProject(event: LiveEvent, projectId: number | undefined): boolean {
  return event.project_id == null || projectId === undefined || event.project_id === projectId
}

/**
 * Query-key prefixes that an event makes stale. Prefixes cover every project's cached queries, so a
 * project switched to later shows fresh data too; toasts are only for the current project.
 */
export function queriesForEvent(event: LiveEvent): string[][] {
  const keys: string[][] = []
  const image = event.image_id ? [['image', String(event.image_id)]] : []
  switch (event.type) {
    case 'image_ingested':
      keys.push(['images'], ['stats'], ['cameras'])
      break
    case 'detection_complete':
      keys.push(['images'], ...image)
      break
    case 'classification_complete':
      keys.push(['images'], ['stats'], ['species'], ...image)
      break
    case 'image_failed':
      keys.push(['images'], ['stats'], ...image)
      break
    case 'image_rejected':
      keys.push(['images'], ['stats'])
      break
    case 'camera_status':
      keys.push(['cameras'])
      break
    case 'alert_fired':
      keys.push(['alerts'])
      break
    case 'data_changed':
      // The API renewed the project's cached answers after a burst (live/hub.py): its last images show now.
      keys.push(['images'], ['stats'])
      break
    case 'runtime_settings_changed':
      // A new display threshold or people blurring changes what every image shows.
      keys.push(['images'], ['image'], ['models'])
      break
    default:
      break
  }
  return keys
}

/** The one toast that stands for the updates beyond a burst's first few. */
export function overflowToast(count: number): ToastInput {
  return { title: plural(count, 'more update', 'more updates'), description: 'The gallery is up to date.', tone: 'info' }
}
