import { useId, useMemo } from 'react'
import { TextField } from '@/components/Field'
import { resolveTimeZone, timeZoneNames } from '../time-zones'

/**
 * A searchable list of IANA time zones: type part of a name ("nairobi", "new_york") and pick from
 * the suggestions; leaving the field turns a typed city or other casing into the zone's own name.
 */
export function TimeZoneField({
  value,
  onChange,
  error,
  className,
}: {
  value: string
  onChange: (zone: string) => void
  error?: string
  className?: string
}) {
  const listId = useId()
  const names = useMemo(() => timeZoneNames(value), [value])
  return (
    <div className={className}>
      <TextField
        label="Time zone"
        list={listId}
        autoComplete="off"
        spellCheck={false}
        placeholder="Search, e.g. Nairobi"
        hint="EXIF times carry no zone: the camera's clock is read in this zone. Changing it re-computes capture times."
        value={value}
        error={error}
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => {
          const zone = resolveTimeZone(value, names)
          if (zone && zone !== value) onChange(zone)
        }}
      />
      <datalist id={listId}>
        {names.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
    </div>
  )
}
