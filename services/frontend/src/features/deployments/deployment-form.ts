/** The deployment form: text fields in, a DeploymentCreate (or the reasons it cannot be one) out. */
import type { Deployment, DeploymentCreate, FeatureType } from '@/lib/api/types'
import { parseCoordinates } from '@/lib/coordinates'
import { resolveTimeZone } from './time-zones'
import { utcToZoned, zonedToUtc } from './zoned-time'

export const FEATURE_TYPES: FeatureType[] = [
  'roadPaved', 'roadDirt', 'trailHiking', 'trailGame', 'roadUnderpass', 'roadOverpass', 'roadBridge', 'culvert',
  'burrow', 'nestSite', 'carcass', 'waterSource', 'fruitingTree',
]

/** Camtrap DP `featureType` values, as the form shows them. */
export const FEATURE_TYPE_LABELS: Record<FeatureType, string> = {
  roadPaved: 'Road, paved', roadDirt: 'Road, dirt', trailHiking: 'Hiking trail', trailGame: 'Game trail',
  roadUnderpass: 'Road underpass', roadOverpass: 'Road overpass', roadBridge: 'Road bridge', culvert: 'Culvert',
  burrow: 'Burrow', nestSite: 'Nest site', carcass: 'Carcass', waterSource: 'Water source', fruitingTree: 'Fruiting tree',
}

/** The set-up of a deployment in one line: feature type, camera height, bait, habitat. */
export function setupSummary(d: Pick<Deployment, 'feature_type' | 'camera_height_m' | 'bait' | 'habitat'>): string {
  return [
    d.feature_type && FEATURE_TYPE_LABELS[d.feature_type],
    d.camera_height_m != null && `${d.camera_height_m} m high`,
    d.bait && `bait: ${d.bait}`,
    d.habitat,
  ]
    .filter(Boolean)
    .join(' · ')
}

export interface DeploymentForm {
  camera_id: string
  /** datetime-local values, read in `timezone` */
  start: string
  end: string
  lat: string
  lon: string
  location_name: string
  camera_height_m: string
  bait: string
  habitat: string
  feature_type: '' | FeatureType
  notes: string
  timezone: string
  clock_offset_seconds: string
}

export type FormErrors = Partial<Record<keyof DeploymentForm, string>>

export function emptyForm(timezone: string): DeploymentForm {
  return {
    camera_id: '', start: '', end: '', lat: '', lon: '', location_name: '', camera_height_m: '', bait: '', habitat: '',
    feature_type: '', notes: '', timezone, clock_offset_seconds: '0',
  }
}

export function formFromDeployment(d: Deployment): DeploymentForm {
  return {
    camera_id: String(d.camera_id),
    start: utcToZoned(d.start_at, d.timezone),
    end: d.end_at ? utcToZoned(d.end_at, d.timezone) : '',
    lat: String(d.location.lat),
    lon: String(d.location.lon),
    location_name: d.location_name ?? '',
    camera_height_m: d.camera_height_m == null ? '' : String(d.camera_height_m),
    bait: d.bait ?? '',
    habitat: d.habitat ?? '',
    feature_type: d.feature_type ?? '',
    notes: d.notes ?? '',
    timezone: d.timezone,
    clock_offset_seconds: String(d.clock_offset_seconds),
  }
}

function numberIn(value: string, min: number, max: number): number | null {
  const text = value.trim()
  if (text === '') return null
  const n = Number(text)
  return Number.isFinite(n) && n >= min && n <= max ? n : Number.NaN
}

const TEN_YEARS_S = 10 * 366 * 24 * 3600

/** The body to send, or the errors to show next to the fields (checked as the API checks them). */
export function deploymentFromForm(f: DeploymentForm): { body: DeploymentCreate; errors: FormErrors } {
  const errors: FormErrors = {}
  const cameraId = Number(f.camera_id)
  if (!Number.isInteger(cameraId) || cameraId < 1) errors.camera_id = 'Choose a camera'
  const zone = resolveTimeZone(f.timezone)
  if (!zone) errors.timezone = 'Choose a time zone from the list (an IANA name such as Africa/Nairobi)'
  const start = zonedToUtc(f.start, zone ?? 'UTC')
  if (!start) errors.start = 'A start date and time'
  const end = f.end.trim() ? zonedToUtc(f.end, zone ?? 'UTC') : null
  if (f.end.trim() && !end) errors.end = 'A date and time, or empty while it runs'
  if (start && end && end <= start) errors.end = 'Must be after the start'
  const { point, errors: where } = parseCoordinates(f.lat, f.lon, { required: true })
  Object.assign(errors, where)
  const height = numberIn(f.camera_height_m, 0, 100)
  if (Number.isNaN(height)) errors.camera_height_m = 'Metres from 0 to 100, or empty'
  const offset = numberIn(f.clock_offset_seconds || '0', -TEN_YEARS_S, TEN_YEARS_S)
  if (offset === null || Number.isNaN(offset) || !Number.isInteger(offset)) errors.clock_offset_seconds = 'Whole seconds'
  const text = (value: string) => value.trim() || null
  const body: DeploymentCreate = {
    camera_id: cameraId,
    start_at: start ?? '',
    end_at: end,
    location: point ?? { lat: 0, lon: 0 },
    location_name: text(f.location_name),
    camera_height_m: height,
    bait: text(f.bait),
    habitat: text(f.habitat),
    feature_type: f.feature_type || null,
    notes: text(f.notes),
    timezone: zone ?? f.timezone.trim(),
    clock_offset_seconds: offset ?? 0,
  }
  return { body, errors }
}

const FIELD_OF_API: Record<string, keyof DeploymentForm> = {
  camera_id: 'camera_id', start_at: 'start', end_at: 'end', location_name: 'location_name',
  camera_height_m: 'camera_height_m', bait: 'bait', habitat: 'habitat', feature_type: 'feature_type', notes: 'notes',
  timezone: 'timezone', clock_offset_seconds: 'clock_offset_seconds',
}

/** A 422 answer's `detail` as errors next to the form's fields (`["body", "location", "lat"]` -> lat). */
export function serverErrors(detail: unknown): FormErrors {
  const errors: FormErrors = {}
  if (!Array.isArray(detail)) return errors
  for (const item of detail as { loc?: unknown[]; msg?: string }[]) {
    const loc = (item.loc ?? []).map(String)
    const field = loc[1] === 'location' ? (loc[2] === 'lon' ? 'lon' : 'lat') : FIELD_OF_API[loc[1] ?? '']
    if (field && !errors[field]) errors[field] = item.msg ?? 'invalid'
  }
  return errors
}
