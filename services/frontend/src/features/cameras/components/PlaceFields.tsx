import { TextField } from '@/components/Field'
import { pointOrNull } from '@/lib/coordinates'
import { LocationPicker } from '@/features/map'

/**
 * Latitude and longitude typed in, or filled in by clicking the map below them; the typed fields are
 * the accessible way (and the only one without map tiles).
 */
export function PlaceFields({
  lat,
  lon,
  errors,
  onChange,
  label,
}: {
  lat: string
  lon: string
  errors: { lat?: string; lon?: string }
  onChange: (point: { lat: string; lon: string }) => void
  label: string
}) {
  const point = pointOrNull(lat, lon)
  return (
    <>
      <TextField
        label="Latitude"
        inputMode="decimal"
        placeholder="-1.28333"
        value={lat}
        error={errors.lat}
        hint="−90 to 90"
        onChange={(e) => onChange({ lat: e.target.value, lon })}
      />
      <TextField
        label="Longitude"
        inputMode="decimal"
        placeholder="36.81667"
        value={lon}
        error={errors.lon}
        hint="−180 to 180"
        onChange={(e) => onChange({ lat, lon: e.target.value })}
      />
      <div className="sm:col-span-2">
        <LocationPicker
          label={label}
          lat={point?.lat ?? null}
          lon={point?.lon ?? null}
          onPick={(p) => onChange({ lat: String(p.lat), lon: String(p.lon) })}
        />
        <p className="mt-1 text-xs text-stone-500">Click the map to place the camera, or type the coordinates above.</p>
      </div>
    </>
  )
}
