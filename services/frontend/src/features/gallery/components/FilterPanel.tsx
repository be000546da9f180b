import { useEffect, useId, useState, type ReactNode } from 'react'
import { RotateCcw } from 'lucide-react'
import { Button } from '@/components/Button'
import { cn } from '@/components/cn'
import { MultiSelect } from '@/components/MultiSelect'
import { IMAGE_STATUS_META, REVIEW_STATUS_META } from '@/components/StatusBadges'
import { formatNumber, speciesName } from '@/lib/format'
import { speciesColor, useSpeciesColorVersion } from '@/lib/species-colors'
import { activeFilterCount, IMAGE_STATUSES, REVIEW_STATUSES, type CaptureTime, type ImageFilters } from '@/lib/filters'
import { useCameras, useSpecies } from '@/lib/api/catalog'
import { useResetOnChange } from '@/lib/useResetOnChange'

const CAPTURE_TIME_CHOICES: { value: CaptureTime | undefined; label: string }[] = [
  { value: undefined, label: 'Any' },
  { value: 'known', label: 'Known' },
  { value: 'unknown', label: 'Unknown' },
]

function FilterChip({ on, onClick, children }: { on: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={on}
      onClick={onClick}
      className={cn(
        'rounded-full border px-2.5 py-1 text-xs font-medium transition-colors',
        on ? 'border-forest-700 bg-forest-700 text-white' : 'border-stone-300 bg-white text-stone-600 hover:border-stone-400',
      )}
    >
      {children}
    </button>
  )
}

export function FilterPanel({
  filters,
  onChange,
  onReset,
  className,
}: {
  filters: ImageFilters
  onChange: (change: Partial<ImageFilters>, options?: { replace?: boolean }) => void
  onReset: () => void
  className?: string
}) {
  const cameras = useCameras()
  useSpeciesColorVersion()
  const species = useSpecies()
  const fromId = useId()
  const toId = useId()
  const confId = useId()
  const [confidence, setConfidence] = useState(Math.round((filters.min_confidence ?? 0) * 100))

  // Follow the URL when it changes from elsewhere (back button, reset, shared link).
  useResetOnChange(filters.min_confidence, (value) => setConfidence(Math.round((value ?? 0) * 100)))

  // Commit the slider to the URL once the user pauses, not on every pixel of the drag.
  useEffect(() => {
    const value = confidence > 0 ? confidence / 100 : undefined
    if (value === filters.min_confidence) return
    const timer = setTimeout(() => onChange({ min_confidence: value }, { replace: true }), 350)
    return () => clearTimeout(timer)
  }, [confidence, filters.min_confidence, onChange])

  const cameraOptions = (cameras.data?.features ?? [])
    .map((f) => f.properties)
    .filter((p) => p != null)
    .map((p) => ({ value: p.id, label: p.name, hint: p.image_count != null ? formatNumber(p.image_count) : undefined }))
    .sort((a, b) => a.label.localeCompare(b.label))
  const speciesOptions = (species.data ?? []).map((s) => ({
    value: s.species,
    label: speciesName(s.species),
    hint: formatNumber(s.image_count),
  }))
  const count = activeFilterCount(filters)

  return (
    <section aria-label="Filters" className={cn('space-y-5', className)}>
      <div className="flex items-center justify-between">
        <h2 className="text-sm font-semibold text-stone-900">
          Filters
          {count > 0 && (
            <span className="ml-2 rounded-full bg-forest-100 px-2 py-0.5 text-xs font-semibold text-forest-800">{count}</span>
          )}
        </h2>
        <Button size="sm" variant="ghost" onClick={onReset} disabled={count === 0} icon={<RotateCcw className="h-3.5 w-3.5" aria-hidden />}>
          Reset
        </Button>
      </div>

      <fieldset>
        <legend className="field-label">Captured between</legend>
        <div className="grid grid-cols-[2.5rem_1fr] items-center gap-x-2 gap-y-2">
          <label htmlFor={fromId} className="text-xs text-stone-500">
            From
          </label>
            <input
              id={fromId}
              type="date"
              className="input px-2"
              value={filters.date_from ?? ''}
              max={filters.date_to}
              onChange={(e) => onChange({ date_from: e.target.value || undefined })}
            />
          <label htmlFor={toId} className="text-xs text-stone-500">
            To
          </label>
            <input
              id={toId}
              type="date"
              className="input px-2"
              value={filters.date_to ?? ''}
              min={filters.date_from}
              onChange={(e) => onChange({ date_to: e.target.value || undefined })}
            />
        </div>
      </fieldset>

      <fieldset>
        <legend className="field-label">Capture time</legend>
        <div className="flex flex-wrap gap-1.5">
          {CAPTURE_TIME_CHOICES.map(({ value, label }) => (
            <FilterChip key={label} on={filters.capture_time === value} onClick={() => onChange({ capture_time: value })}>
              {label}
            </FilterChip>
          ))}
        </div>
        {(filters.date_from || filters.date_to) && !filters.capture_time && (
          <p className="mt-1.5 text-xs text-stone-500">Photos without a capture time are left out of a date range.</p>
        )}
      </fieldset>

      <MultiSelect
        label="Cameras"
        placeholder="All cameras"
        options={cameraOptions}
        value={filters.camera_id}
        loading={cameras.isLoading}
        onChange={(camera_id) => onChange({ camera_id })}
      />

      <MultiSelect
        label="Species"
        placeholder="All species"
        options={speciesOptions}
        value={filters.species}
        loading={species.isLoading}
        onChange={(s) => onChange({ species: s })}
      />
      {filters.species.length > 0 && (
        <div className="-mt-3 flex flex-wrap gap-1.5">
          {filters.species.map((s) => (
            <span key={s} className="inline-flex items-center gap-1.5 rounded-full bg-stone-100 px-2 py-0.5 text-xs text-stone-700">
              <span className="h-2 w-2 rounded-full" style={{ backgroundColor: speciesColor(s) }} aria-hidden />
              {speciesName(s)}
            </span>
          ))}
        </div>
      )}

      <div>
        <div className="flex items-baseline justify-between">
          <label htmlFor={confId} className="field-label">
            Minimum confidence
          </label>
          <span className="text-xs font-semibold tabular-nums text-stone-700">{confidence > 0 ? `${confidence}%` : 'Any'}</span>
        </div>
        <input
          id={confId}
          type="range"
          min={0}
          max={100}
          step={5}
          value={confidence}
          onChange={(e) => setConfidence(Number(e.target.value))}
          className="mt-1 w-full accent-forest-700"
          aria-valuetext={confidence > 0 ? `${confidence} percent` : 'Any confidence'}
        />
      </div>

      <fieldset>
        <legend className="field-label">Review</legend>
        <div className="flex flex-wrap gap-1.5">
          {REVIEW_STATUSES.map((s) => {
            const on = filters.review_status.includes(s)
            return (
              <FilterChip
                key={s}
                on={on}
                onClick={() =>
                  onChange({ review_status: on ? filters.review_status.filter((x) => x !== s) : [...filters.review_status, s] })
                }
              >
                {REVIEW_STATUS_META[s].label}
              </FilterChip>
            )
          })}
        </div>
      </fieldset>

      <MultiSelect
        label="Processing status"
        placeholder="Processing or completed"
        options={IMAGE_STATUSES.map((s) => ({ value: s, label: IMAGE_STATUS_META[s].label }))}
        value={filters.status}
        onChange={(status) => onChange({ status })}
      />
    </section>
  )
}
