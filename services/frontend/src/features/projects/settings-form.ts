/** The project settings form: text fields in, a ProjectUpdate (or the reasons it cannot be one) out. */
import type { Project, ProjectUpdate } from '@/lib/api/types'

export interface SettingsForm {
  name: string
  description: string
  timezone: string
  independence_interval_minutes: string
  sequence_gap_seconds: string
  /** One species per line; empty means every species is allowed. */
  allowed_species: string
  /** Geofence: ISO 3166-1 alpha-3 country codes, comma or line separated; empty = no country geofence. */
  geofence_countries: string
  detection_threshold: string
  classification_threshold: string
}

export function formFromProject(p: Project): SettingsForm {
  return {
    name: p.name,
    description: p.description ?? '',
    timezone: p.timezone,
    independence_interval_minutes: String(p.independence_interval_minutes),
    sequence_gap_seconds: String(p.sequence_gap_seconds),
    allowed_species: p.allowed_species.join('\n'),
    geofence_countries: p.geofence_countries.join(', '),
    detection_threshold: p.thresholds.detection == null ? '' : String(p.thresholds.detection),
    classification_threshold: p.thresholds.classification == null ? '' : String(p.thresholds.classification),
  }
}

type Errors = Partial<Record<keyof SettingsForm, string>>

function wholeNumber(value: string, max: number, label: string, errors: Errors, key: keyof SettingsForm): number {
  const n = Number(value.trim())
  if (value.trim() === '' || !Number.isInteger(n) || n < 0 || n > max) errors[key] = `${label}: a whole number from 0 to ${max}`
  return n
}

function threshold(value: string, errors: Errors, key: keyof SettingsForm): number | null {
  if (value.trim() === '') return null // the server's setting applies
  const n = Number(value.trim())
  if (!Number.isFinite(n) || n < 0 || n > 1) errors[key] = 'A number from 0 to 1, or empty for the server default'
  return n
}

/** The update to send, or the errors to show next to the fields (checked as the API checks them). */
export function settingsFromForm(f: SettingsForm): { update: ProjectUpdate; errors: Errors } {
  const errors: Errors = {}
  if (!f.name.trim()) errors.name = 'A project needs a name'
  const species = Array.from(new Set(f.allowed_species.split(/[\n,]/).map((s) => s.trim()).filter(Boolean)))
  const countries = Array.from(new Set(f.geofence_countries.split(/[\n,\s]+/).map((s) => s.trim().toUpperCase()).filter(Boolean)))
  if (countries.some((c) => !/^[A-Z]{3}$/.test(c))) errors.geofence_countries = 'Three-letter ISO country codes, e.g. FRA, CHE'
  const update: ProjectUpdate = {
    name: f.name.trim(),
    description: f.description.trim() || null,
    timezone: f.timezone,
    independence_interval_minutes: wholeNumber(f.independence_interval_minutes, 7 * 24 * 60, 'Minutes', errors, 'independence_interval_minutes'),
    sequence_gap_seconds: wholeNumber(f.sequence_gap_seconds, 24 * 3600, 'Seconds', errors, 'sequence_gap_seconds'),
    allowed_species: species,
    geofence_countries: countries,
    thresholds: {
      detection: threshold(f.detection_threshold, errors, 'detection_threshold'),
      classification: threshold(f.classification_threshold, errors, 'classification_threshold'),
    },
  }
  return { update, errors }
}

/** IANA time zones the browser knows, with the project's own first if the browser lacks it (e.g. "UTC"). */
export function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  return known.includes(current) ? known : [current, ...known]
}
