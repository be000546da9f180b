import { useEffect, useState } from 'react'
import { ArrowDownWideNarrow, ArrowUpNarrowWide, Camera, CheckSquare, SlidersHorizontal, Square, X } from 'lucide-react'
import { Button } from '@/components/Button'
import { SelectField } from '@/components/Field'
import { Switch } from '@/components/Switch'
import { Modal } from '@/components/Modal'
import { PageHeader } from '@/components/PageHeader'
import { Pagination } from '@/components/Pagination'
import { EmptyState, ErrorState } from '@/components/States'
import { IMAGE_STATUS_META, REVIEW_STATUS_META } from '@/components/StatusBadges'
import { useProjectContext, useProjectPath } from '@/lib/project'
import { useResetOnChange } from '@/lib/useResetOnChange'
import { formatDate, formatNumber, speciesName } from '@/lib/format'
import { formatTotal } from '../total'
import { activeFilterCount, PAGE_SIZES, serializeFilters, viewQuery, type ImageFilters, type SortField } from '@/lib/filters'
import { useCameras } from '@/lib/api/catalog'
import { ExportButton } from '@/features/exports'
import { useAuth, useCanReview } from '@/features/auth'
import { SpeciesPicker, useAddSpeciesLabel, useSpeciesLabels } from '@/features/species-labels'
import { useImages } from '../api/images'
import { useImageFilters } from '../hooks/useImageFilters'
import { useSelectionActions } from '../hooks/useSelectionActions'
import { allSelected } from '../selection'
import { SelectionToolbar } from './SelectionToolbar'
import { FilterPanel } from './FilterPanel'
import { ImageCard, ImageCardSkeleton } from './ImageCard'
import { SetAsideFilters } from './SetAsideFilters'
import { ReprocessAction } from './ReprocessAction'

const SORT_LABELS: Record<SortField, string> = {
  captured_at: 'Capture time',
  received_at: 'Upload time',
  confidence: 'Confidence',
  camera: 'Camera',
}

export function GalleryPage() {
  const [filters, setFilters, reset] = useImageFilters()
  const images = useImages(filters)
  const [drawer, setDrawer] = useState(false)
  const count = activeFilterCount(filters)
  const data = images.data
  const canReview = useCanReview()
  const { user } = useAuth()
  const projectRole = useProjectContext().project?.role
  const canAddLabels = user?.role === 'admin' || projectRole === 'admin'
  const bySequence = filters.group === 'sequence'
  const select = useSelectionActions(bySequence)
  const [speciesOpen, setSpeciesOpen] = useState(false)
  const labels = useSpeciesLabels()
  const addLabel = useAddSpeciesLabel()
  const order = (data?.items ?? []).map((i) => i.id)
  const pageSelected = allSelected(select.selection, order)

  // A selection belongs to one set of filters: it survives paging, not a change of what is shown.
  const shownKey = serializeFilters({ ...filters, page: 1 }).toString()
  useResetOnChange(shownKey, select.clear)

  useEffect(() => {
    if (data) select.remember(data.items)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data])

  // Escape clears the selection (unless a dialog is open: it closes first).
  useEffect(() => {
    if (select.selection.ids.size === 0 || speciesOpen || drawer) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) select.clear()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  })

  useEffect(() => {
    document.title = 'Gallery · AddaxAI Connect'
  }, [])

  // Scroll to the top on page change, like turning a page.
  useEffect(() => {
    window.scrollTo({ top: 0 })
  }, [filters.page])

  const query = viewQuery(filters)
  const to = useProjectPath()
  const unit = filters.group === 'sequence' ? 'sequence' : 'image'
  // Past 10,000 images (beyond the page asked for) the API stops counting: total_exact is false.
  const total = data ? formatTotal(data) : ''
  const description = data
    ? `${total} ${unit}${data.total === 1 ? '' : 's'}${count ? ' match your filters' : ' from all cameras'}`
    : 'Camera-trap images as they arrive from the field'

  return (
    <div>
      <PageHeader
        title="Gallery"
        description={description}
        actions={
          <>
            <ReprocessAction filters={filters} matching={data?.total} />
            <Button
              className="lg:hidden"
              onClick={() => setDrawer(true)}
              icon={<SlidersHorizontal className="h-4 w-4" aria-hidden />}
            >
              Filters
              {count > 0 && (
                <span className="rounded-full bg-forest-700 px-1.5 text-xs text-white">
                  {count}
                  <span className="sr-only"> active</span>
                </span>
              )}
            </Button>
            <SelectField
              label="Sort by"
              hideLabel
              value={filters.sort}
              onChange={(e) => setFilters({ sort: e.target.value as SortField })}
              className="w-48"
            >
              {Object.entries(SORT_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  Sort: {label}
                </option>
              ))}
            </SelectField>
            <Button
              onClick={() => setFilters({ order: filters.order === 'desc' ? 'asc' : 'desc' })}
              aria-label={filters.order === 'desc' ? 'Newest first; switch to oldest first' : 'Oldest first; switch to newest first'}
              title={filters.order === 'desc' ? 'Descending' : 'Ascending'}
              icon={
                filters.order === 'desc' ? (
                  <ArrowDownWideNarrow className="h-4 w-4" aria-hidden />
                ) : (
                  <ArrowUpNarrowWide className="h-4 w-4" aria-hidden />
                )
              }
            />
            <ExportButton filters={filters} />
          </>
        }
      />

      <div className="flex gap-8">
        <aside className="hidden w-64 shrink-0 lg:block">
          <div className="sticky top-20 rounded-xl border border-stone-200/80 bg-white p-4 shadow-card">
            <FilterPanel filters={filters} onChange={setFilters} onReset={reset} />
          </div>
        </aside>

        <div className="min-w-0 flex-1">
          <ActiveFilterChips filters={filters} onChange={setFilters} onReset={reset} />
          <SetAsideFilters filters={filters} onChange={setFilters} />

          {images.isError ? (
            <ErrorState title="Could not load images" error={images.error} onRetry={() => void images.refetch()} />
          ) : images.isLoading || !data ? (
            <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 xl:grid-cols-4" aria-busy="true" aria-label="Loading images">
              {Array.from({ length: 12 }, (_, i) => (
                <ImageCardSkeleton key={i} />
              ))}
            </div>
          ) : data.items.length === 0 ? (
            count > 0 ? (
              <EmptyState
                icon={<SlidersHorizontal className="h-6 w-6" aria-hidden />}
                title="No images match these filters"
                description="Try a wider date range, fewer species or a lower confidence threshold."
                action={<Button onClick={reset}>Clear all filters</Button>}
              />
            ) : (
              <EmptyState
                icon={<Camera className="h-6 w-6" aria-hidden />}
                title="No images yet"
                description="Images appear here as soon as a camera uploads over FTPS. Point a camera at this server with its FTPS account, or upload a test photo."
              />
            )
          ) : (
            <>
              <div className="mb-3 flex flex-wrap items-center gap-x-4 gap-y-2">
                <div className="inline-flex items-center gap-2 text-sm text-stone-700">
                  <Switch
                    checked={bySequence}
                    onChange={(on) => {
                      select.clear()
                      setFilters({ group: on ? 'sequence' : undefined })
                    }}
                    label="One card per sequence"
                  />
                  <span aria-hidden>One card per sequence</span>
                </div>
                {canReview && (
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => select.togglePage(order, pageSelected)}
                    aria-pressed={pageSelected}
                    icon={pageSelected ? <CheckSquare className="h-4 w-4" aria-hidden /> : <Square className="h-4 w-4" aria-hidden />}
                    data-testid="select-page"
                  >
                    {pageSelected ? 'Deselect page' : 'Select page'}
                  </Button>
                )}
                {canReview && (
                  <span className="hidden text-xs text-stone-500 xl:inline">
                    Tick a photo to select it; Shift-tick selects a range{bySequence ? '; a sequence counts with all its frames' : ''}.
                  </span>
                )}
              </div>
              <ul
                className={`grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 xl:grid-cols-4 transition-opacity ${images.isPlaceholderData ? 'opacity-60' : ''}`}
                aria-label="Images"
                aria-busy={images.isFetching}
              >
                {data.items.map((image) => (
                  <li key={image.id} className="flex">
                    <div className="w-full">
                      <ImageCard
                        image={image}
                        href={to(`/images/${image.id}${query}`)}
                        badge={bySequence && image.frame_count > 1 ? `${image.frame_count} frames` : undefined}
                        selection={
                          canReview
                            ? { selected: select.selection.ids.has(image.id), onToggle: (shift) => select.toggle(order, image.id, shift) }
                            : undefined
                        }
                      />
                    </div>
                  </li>
                ))}
              </ul>
              <SelectionToolbar
                count={select.selection.ids.size}
                busy={select.busy}
                onReview={(status) => void select.applyReview(status)}
                onSetSpecies={() => setSpeciesOpen(true)}
                onClear={select.clear}
              />
              <div className="mt-8 flex flex-col items-center justify-between gap-4 sm:flex-row">
                <p className="text-sm text-stone-500">
                  Showing {formatNumber((data.page - 1) * data.limit + 1)}–
                  {formatNumber(Math.min(data.page * data.limit, data.total))} of {total}
                </p>
                <Pagination page={data.page} pages={data.pages} onPage={(page) => setFilters({ page })} />
                <SelectField
                  label="Images per page"
                  hideLabel
                  value={filters.limit}
                  onChange={(e) => setFilters({ limit: Number(e.target.value) })}
                  className="w-36"
                >
                  {PAGE_SIZES.map((n) => (
                    <option key={n} value={n}>
                      {n} per page
                    </option>
                  ))}
                </SelectField>
              </div>
            </>
          )}
        </div>
      </div>

      <Modal
        open={drawer}
        onClose={() => setDrawer(false)}
        title="Filter images"
        footer={
          <Button variant="primary" onClick={() => setDrawer(false)}>
            Show {total} images
          </Button>
        }
      >
        <FilterPanel filters={filters} onChange={setFilters} onReset={reset} />
      </Modal>

      <Modal
        open={speciesOpen}
        onClose={() => setSpeciesOpen(false)}
        title="Set species"
        description={`Every animal detection of the ${formatNumber(select.selection.ids.size)} selected images gets this label.`}
        size="sm"
      >
        <SpeciesPicker
          label="Species for the selected images"
          labels={labels.data ?? []}
          busy={select.busy}
          canAdd={canAddLabels}
          onAdd={(label) => addLabel.mutateAsync(label)}
          onPick={async (label) => {
            const display = labels.data?.find((l) => l.label === label)?.display ?? label
            await select.applySpecies(label, display)
            setSpeciesOpen(false)
          }}
          onCancel={() => setSpeciesOpen(false)}
          cancelLabel="Cancel"
        />
      </Modal>
    </div>
  )
}

function ActiveFilterChips({
  filters,
  onChange,
  onReset,
}: {
  filters: ImageFilters
  onChange: (change: Partial<ImageFilters>) => void
  onReset: () => void
}) {
  const cameras = useCameras()
  const names = new Map((cameras.data?.features ?? []).map((f) => [f.properties?.id, f.properties?.name]))
  const chips: { key: string; label: string; remove: () => void }[] = []
  if (filters.date_from || filters.date_to) {
    chips.push({
      key: 'date',
      label: `${filters.date_from ? formatDate(filters.date_from + 'T12:00:00') : '…'} – ${filters.date_to ? formatDate(filters.date_to + 'T12:00:00') : '…'}`,
      remove: () => onChange({ date_from: undefined, date_to: undefined }),
    })
  }
  for (const id of filters.camera_id)
    chips.push({
      key: `c${id}`,
      label: names.get(id) ?? `Camera ${id}`,
      remove: () => onChange({ camera_id: filters.camera_id.filter((x) => x !== id) }),
    })
  for (const s of filters.species)
    chips.push({ key: `s${s}`, label: speciesName(s), remove: () => onChange({ species: filters.species.filter((x) => x !== s) }) })
  if (filters.min_confidence)
    chips.push({
      key: 'conf',
      label: `≥ ${Math.round(filters.min_confidence * 100)}% confidence`,
      remove: () => onChange({ min_confidence: undefined }),
    })
  for (const s of filters.review_status)
    chips.push({
      key: `r${s}`,
      label: REVIEW_STATUS_META[s].label,
      remove: () => onChange({ review_status: filters.review_status.filter((x) => x !== s) }),
    })
  for (const s of filters.status)
    chips.push({ key: `st${s}`, label: IMAGE_STATUS_META[s].label, remove: () => onChange({ status: filters.status.filter((x) => x !== s) }) })
  if (chips.length === 0) return null
  return (
    <div className="mb-4 flex flex-wrap items-center gap-2" aria-label="Active filters">
      {chips.map((chip) => (
        <span
          key={chip.key}
          className="inline-flex items-center gap-1 rounded-full border border-forest-200 bg-forest-50 py-0.5 pl-2.5 pr-1 text-xs font-medium text-forest-800"
        >
          {chip.label}
          <button
            type="button"
            onClick={chip.remove}
            className="rounded-full p-0.5 hover:bg-forest-100"
            aria-label={`Remove filter ${chip.label}`}
          >
            <X className="h-3 w-3" aria-hidden />
          </button>
        </span>
      ))}
      <button type="button" onClick={onReset} className="text-xs font-medium text-stone-500 hover:text-stone-800 hover:underline">
        Clear all
      </button>
    </div>
  )
}
