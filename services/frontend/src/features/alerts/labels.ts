/** Names and badge colours the alerts pages share. */
import type { BadgeTone } from '@/components/Badge'

export const RULE_KIND_META: Record<string, { label: string; tone: BadgeTone }> = {
  species: { label: 'Species', tone: 'sand' },
  camera_health: { label: 'Camera health', tone: 'blue' },
  camera_silent: { label: 'Camera silent', tone: 'violet' },
  system: { label: 'System health', tone: 'red' },
}

/** What an alert in the history was about (the log's kind). */
export const LOG_KIND_META: Record<string, { label: string; tone: BadgeTone }> = {
  match: { label: 'Sighting', tone: 'sand' },
  health: { label: 'Camera health', tone: 'blue' },
  silent: { label: 'Camera silent', tone: 'violet' },
  system: { label: 'System health', tone: 'red' },
  digest: { label: 'Digest', tone: 'neutral' },
}

export const MODE_LABEL: Record<string, string> = {
  immediate: 'Immediately',
  digest_hourly: 'Hourly digest',
  digest_daily: 'Daily digest',
}

export const DELIVERY_META: Record<string, { label: string; tone: BadgeTone }> = {
  sent: { label: 'Sent', tone: 'green' },
  failed: { label: 'Failed', tone: 'red' },
  pending: { label: 'Pending', tone: 'amber' },
}

export function kindMeta(kind: string, table: Record<string, { label: string; tone: BadgeTone }> = RULE_KIND_META) {
  return table[kind] ?? { label: kind.replace(/_/g, ' '), tone: 'neutral' as const }
}
