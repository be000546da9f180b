/** The camera form: text fields in, a camera body (or the reasons it cannot be one) out. */
import { parseCoordinates } from '@/lib/coordinates'

export interface CameraForm {
  name: string
  serial_number: string
  site: string
  notes: string
  lat: string
  lon: string
  /** The project's slug; changing it on an existing camera moves the camera and its images. */
  project: string
}

export type CameraFormErrors = Partial<Record<keyof CameraForm, string>>

export interface CameraBody {
  name: string
  serial_number: string | null
  site: string | null
  notes: string | null
  location: { lat: number; lon: number } | null
}

interface CameraLike {
  name: string
  serial_number: string | null
  site: string | null
  notes?: string | null
  location?: { lat: number; lon: number } | null
}

export function emptyCameraForm(project: string): CameraForm {
  return { name: '', serial_number: '', site: '', notes: '', lat: '', lon: '', project }
}

export function formFromCamera(c: CameraLike, project: string): CameraForm {
  return {
    name: c.name,
    serial_number: c.serial_number ?? '',
    site: c.site ?? '',
    notes: c.notes ?? '',
    lat: c.location ? String(c.location.lat) : '',
    lon: c.location ? String(c.location.lon) : '',
    project,
  }
}

/** The body to send, or the errors to show beside the fields (checked as the API checks them). */
export function cameraFromForm(f: CameraForm): { body: CameraBody; errors: CameraFormErrors } {
  const errors: CameraFormErrors = {}
  const name = f.name.trim()
  if (!name) errors.name = 'A name, e.g. "Waterhole north"'
  else if (name.length > 120) errors.name = 'At most 120 characters'
  if (f.serial_number.trim().length > 120) errors.serial_number = 'At most 120 characters'
  if (f.site.trim().length > 200) errors.site = 'At most 200 characters'
  const { point, errors: where } = parseCoordinates(f.lat, f.lon)
  Object.assign(errors, where)
  const text = (value: string) => value.trim() || null
  return {
    body: { name, serial_number: text(f.serial_number), site: text(f.site), notes: text(f.notes), location: point },
    errors,
  }
}

const FIELDS: Record<string, keyof CameraForm> = {
  name: 'name', serial_number: 'serial_number', site: 'site', notes: 'notes', project: 'project',
}
const CONFLICTS: [RegExp, keyof CameraForm][] = [
  [/serial number/, 'serial_number'],
  [/name/, 'name'],
]

/**
 * An API error as errors beside the fields: a 422's `detail` list (`["body", "location", "lat"]` -> lat)
 * or a 409's message about a name or serial number that another camera has.
 */
export function cameraServerErrors(status: number, detail: unknown): CameraFormErrors {
  const errors: CameraFormErrors = {}
  if (status === 409 && typeof detail === 'string') {
    const hit = CONFLICTS.find(([pattern]) => pattern.test(detail))
    if (hit) errors[hit[1]] = detail.charAt(0).toUpperCase() + detail.slice(1)
    return errors
  }
  if (status !== 422 || !Array.isArray(detail)) return errors
  for (const item of detail as { loc?: unknown[]; msg?: string }[]) {
    const loc = (item.loc ?? []).map(String)
    const field = loc[1] === 'location' ? (loc[2] === 'lon' ? 'lon' : 'lat') : FIELDS[loc[1] ?? '']
    if (field && !errors[field]) errors[field] = item.msg ?? 'invalid'
  }
  return errors
}
