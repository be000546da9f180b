/**
 * Typed coordinates, checked as the API checks them (WGS 84: latitude −90..90, longitude −180..180),
 * with messages that say what is wrong. Shared by every form that places something on the map.
 */
export interface CoordinateErrors {
  lat?: string
  lon?: string
}

function parse(text: string, name: string, limit: number, required: boolean): { value: number | null; error?: string } {
  const trimmed = text.trim().replace(',', '.')
  if (trimmed === '') return required ? { value: null, error: `${name} is required` } : { value: null }
  const n = Number(trimmed)
  if (!Number.isFinite(n)) return { value: null, error: `${name} must be a number, e.g. ${name === 'Latitude' ? '-1.28333' : '36.81667'}` }
  if (n < -limit || n > limit) return { value: null, error: `${name} must be between -${limit} and ${limit}` }
  return { value: n }
}

/**
 * The point typed into a latitude and a longitude field. Both empty is "no location" (null) unless
 * `required`; one without the other is an error on the missing one.
 */
export function parseCoordinates(
  latText: string,
  lonText: string,
  { required = false }: { required?: boolean } = {},
): { point: { lat: number; lon: number } | null; errors: CoordinateErrors } {
  const bothEmpty = latText.trim() === '' && lonText.trim() === ''
  if (bothEmpty && !required) return { point: null, errors: {} }
  const lat = parse(latText, 'Latitude', 90, true)
  const lon = parse(lonText, 'Longitude', 180, true)
  const errors: CoordinateErrors = {}
  if (lat.error) errors.lat = lat.error
  if (lon.error) errors.lon = lon.error
  if (lat.value === null || lon.value === null) return { point: null, errors }
  return { point: { lat: lat.value, lon: lon.value }, errors }
}

/** The coordinates a map picker shows for two text fields: null unless both are valid. */
export function pointOrNull(latText: string, lonText: string): { lat: number; lon: number } | null {
  return parseCoordinates(latText, lonText, { required: true }).point
}
