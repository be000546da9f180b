import { useEffect, useMemo, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { Camera, MapPinOff, RotateCcw } from 'lucide-react'
import { DateRangeFields } from '@/components/DateRangeFields'
import { Button } from '@/components/Button'
import { Card } from '@/components/Card'
import { cn } from '@/components/cn'
import { MultiSelect } from '@/components/MultiSelect'
import { PageHeader } from '@/components/PageHeader'
import { Skeleton } from '@/components/Skeleton'
import { EmptyState, ErrorState } from '@/components/States'
import { formatNumber, formatRelative, speciesName } from '@/lib/format'
import { useSpecies } from '@/lib/api/catalog'
import { parseFilters, REVIEW_STATUSES, serializeFilters } from '@/lib/filters'
import { REVIEW_STATUS_META } from '@/components/StatusBadges'
import type { ReviewStatus } from '@/lib/api/types'
import { hasMapFilters, useCameraCollection, useCameraCounts, type MapFilters } from '../api/cameras'
import { CameraMap, galleryLinkFor, type MapCamera } from './CameraMap'
import { useProjectPath } from '@/lib/project'

export default function MapPage() {
  const [params, setParams] = useSearchParams()
  const to = useProjectPath()
  const key = params.toString()
  // The gallery's filters, from the same URL parameters: a view opened from the gallery keeps them all.
  const filters: MapFilters = useMemo(
    () => ({ ...parseFilters(params), page: 1 }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  )
  const setFilters = (change: Partial<MapFilters>) => setParams(serializeFilters({ ...filters, ...change }))
  const cameras = useCameraCollection()
  const species = useSpecies()
  const [selected, setSelected] = useState<number | null>(null)
  const [fitSignal, setFitSignal] = useState(0)

  useEffect(() => {
    document.title = 'Map · AddaxAI Connect'
  }, [])

  const features = cameras.data?.features ?? []
  const located = features.filter((f) => f.geometry && f.geometry.coordinates.length >= 2)
  const unlocated = features.filter((f) => !f.geometry)
  const { counts, isLoading: countsLoading } = useCameraCounts(filters)
  const mapCameras: MapCamera[] = useMemo(
    () =>
      located.map((f) => ({
        id: f.properties.id,
        name: f.properties.name,
        lon: f.geometry!.coordinates[0],
        lat: f.geometry!.coordinates[1],
        site: f.properties.site,
        lastImageAt: f.properties.last_image_at,
        imageCount: f.properties.image_count,
        filteredCount: counts ? (counts.get(f.properties.id) ?? 0) : null,
        battery: f.properties.battery_percent,
        isAssigned: f.properties.is_assigned,
      })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [cameras.data, counts],
  )
  const filtered = hasMapFilters(filters)

  return (
    <div>
      <PageHeader
        title="Map"
        description={
          cameras.data
            ? `${located.length} camera${located.length === 1 ? '' : 's'} on the map${unlocated.length ? ` · ${unlocated.length} without a location` : ''}`
            : 'Where your cameras are and what they see'
        }
      />

      <Card className="mb-4 p-4">
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-[repeat(4,minmax(0,1fr))_auto] lg:items-end">
          <DateRangeFields idPrefix="map" value={filters} onChange={setFilters} />
          <MultiSelect
            label="Species"
            placeholder="All species"
            options={(species.data ?? []).map((s) => ({ value: s.species, label: speciesName(s.species), hint: formatNumber(s.image_count) }))}
            value={filters.species}
            loading={species.isLoading}
            onChange={(s) => setFilters({ species: s })}
          />
          <MultiSelect
            label="Review status"
            placeholder="Any review status"
            options={REVIEW_STATUSES.map((r) => ({ value: r, label: REVIEW_STATUS_META[r].label }))}
            value={filters.review_status}
            onChange={(r) => setFilters({ review_status: r as ReviewStatus[] })}
          />
          <Button
            variant="ghost"
            disabled={!filtered}
            onClick={() => setParams(new URLSearchParams())}
            icon={<RotateCcw className="h-4 w-4" aria-hidden />}
          >
            Reset
          </Button>
        </div>
      </Card>

      {cameras.isError ? (
        <ErrorState title="Could not load cameras" error={cameras.error} onRetry={() => void cameras.refetch()} />
      ) : (
        <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_320px]">
          <Card className="relative h-[60vh] min-h-[360px] overflow-hidden lg:h-[calc(100vh-310px)]">
            {cameras.isLoading ? (
              <Skeleton className="h-full w-full rounded-none" />
            ) : (
              <CameraMap
                cameras={mapCameras}
                filters={filters}
                selectedId={selected}
                onSelect={setSelected}
                fitSignal={fitSignal}
              />
            )}
            {!cameras.isLoading && located.length === 0 && (
              <div className="pointer-events-none absolute inset-0 z-[600] flex items-center justify-center p-6">
                <div className="pointer-events-auto max-w-sm rounded-xl bg-white/95 p-5 text-center shadow-pop">
                  <MapPinOff className="mx-auto mb-2 h-6 w-6 text-sand-700" aria-hidden />
                  <p className="text-sm font-semibold text-stone-900">No camera has a location yet</p>
                  <p className="mt-1 text-xs text-stone-500">
                    Cameras appear here once an admin sets their coordinates, or when their photos carry GPS data.
                  </p>
                </div>
              </div>
            )}
          </Card>

          <Card className="flex max-h-[60vh] flex-col lg:max-h-[calc(100vh-310px)]">
            <div className="flex items-center justify-between border-b border-stone-100 px-4 py-3">
              <h2 className="text-sm font-semibold text-stone-900">Cameras</h2>
              <span className="text-xs text-stone-500" data-testid="map-count-note">
                {countsLoading ? 'Counting…' : filtered ? 'Images matching filters' : 'Images'}
              </span>
            </div>
            {cameras.isLoading ? (
              <div className="space-y-3 p-4">
                {Array.from({ length: 5 }, (_, i) => (
                  <Skeleton key={i} className="h-10 w-full" />
                ))}
              </div>
            ) : features.length === 0 ? (
              <EmptyState
                className="m-4 border-0 py-8"
                icon={<Camera className="h-5 w-5" aria-hidden />}
                title="No cameras yet"
                description="A camera registers itself with its first FTPS upload."
              />
            ) : (
              <ul className="flex-1 divide-y divide-stone-100 overflow-y-auto" aria-label="Camera list">
                {[...mapCameras]
                  .sort((a, b) => (b.filteredCount ?? b.imageCount) - (a.filteredCount ?? a.imageCount))
                  .map((c) => (
                    <li key={c.id}>
                      <button
                        type="button"
                        onClick={() => {
                          setSelected(c.id)
                        }}
                        className={cn(
                          'flex w-full items-center gap-3 px-4 py-2.5 text-left hover:bg-stone-50',
                          selected === c.id && 'bg-sand-50',
                        )}
                      >
                        <span className="sr-only">Show on the map: </span>
                        <span className="min-w-0 flex-1">
                          <span className="block truncate text-sm font-medium text-stone-900">{c.name}</span>
                          <span className="block truncate text-xs text-stone-500">
                            {c.site ? `${c.site} · ` : ''}
                            {c.lastImageAt ? `last image ${formatRelative(c.lastImageAt)}` : 'no images yet'}
                          </span>
                        </span>
                        <span className="text-sm font-semibold tabular-nums text-stone-700">
                          {formatNumber(c.filteredCount ?? c.imageCount)}
                        </span>
                      </button>
                    </li>
                  ))}
                {unlocated.map((f) => (
                  <li key={f.properties.id} className="flex items-center gap-3 px-4 py-2.5">
                    <MapPinOff className="h-4 w-4 shrink-0 text-stone-500" aria-hidden />
                    <span className="min-w-0 flex-1">
                      <Link
                        to={to(galleryLinkFor(f.properties.id, filters))}
                        className="block truncate text-sm font-medium text-stone-700 hover:underline"
                      >
                        {f.properties.name}
                      </Link>
                      <span className="block text-xs text-stone-500">No location{!f.properties.is_assigned ? ' · unassigned' : ''}</span>
                    </span>
                    <span className="text-sm tabular-nums text-stone-500">{formatNumber(f.properties.image_count)}</span>
                  </li>
                ))}
              </ul>
            )}
            {mapCameras.length > 1 && (
              <div className="border-t border-stone-100 p-3">
                <Button size="sm" variant="subtle" className="w-full" onClick={() => setFitSignal((n) => n + 1)}>
                  Zoom to fit all cameras
                </Button>
              </div>
            )}
          </Card>
        </div>
      )}
    </div>
  )
}
