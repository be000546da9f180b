import { useState } from 'react'
import { Link } from 'react-router'
import { Camera, Film, ImageOff, Loader2, ScanSearch } from 'lucide-react'
import { cn } from '@/components/cn'
import { isProcessing, ReviewIcon } from '@/components/StatusBadges'
import { CaptureTimeUnknownBadge } from '@/components/CaptureTimeUnknownBadge'
import { shownTime } from '@/lib/capture-time'
import { formatPercent, speciesName } from '@/lib/format'
import { activeClassifier, speciesTooltip, useActiveModels } from '@/lib/models'
import { speciesColor, useSpeciesColorVersion } from '@/lib/species-colors'
import type { ImageSummary } from '@/lib/api/types'

export function ImageCard({
  image,
  href,
  selection,
  badge,
}: {
  image: ImageSummary
  href: string
  /** Multi-select: a checkbox over the photo; onToggle gets whether Shift was held (range select). */
  selection?: { selected: boolean; onToggle: (shift: boolean) => void }
  /** Extra text over the photo's bottom-left corner (a sequence's frame count). */
  badge?: string
}) {
  const [loaded, setLoaded] = useState(false)
  useSpeciesColorVersion()
  const [broken, setBroken] = useState(false)
  const models = useActiveModels()
  const processing = isProcessing(image.status)
  const species = image.top_species
  // A video from an SD card: stored and listed, not run through the image models yet.
  const video = image.media_kind === 'video'
  // Several species in one photo: name the best one and say how many more there are.
  const others = (image.species ?? []).filter((label) => label !== species)
  const title = video
    ? 'Video'
    : species
    ? speciesName(species)
    : image.status === 'failed'
      ? 'Processing failed'
      : image.status === 'rejected'
        ? 'Rejected file'
        : processing
          ? 'Processing…'
          : image.detection_count > 0
            ? `${image.detection_count} detection${image.detection_count === 1 ? '' : 's'}`
            : 'No animals'
  const time = shownTime(image)

  const card = (
    <Link
      to={href}
      data-testid="image-card"
      data-image-id={image.id}
      data-selected={selection ? selection.selected : undefined}
      className={cn(
        'group flex h-full flex-col overflow-hidden rounded-xl border bg-white shadow-card transition hover:-translate-y-0.5 hover:border-forest-300 hover:shadow-md',
        selection?.selected ? 'border-forest-600 ring-2 ring-forest-600' : 'border-stone-200/80',
      )}
    >
      <div className="relative aspect-[4/3] overflow-hidden bg-stone-800">
        {image.thumbnail_url && !broken ? (
          <img
            src={image.thumbnail_url}
            alt=""
            loading="lazy"
            decoding="async"
            onLoad={() => setLoaded(true)}
            onError={() => setBroken(true)}
            className={cn(
              'h-full w-full object-cover transition duration-300 group-hover:scale-[1.03]',
              loaded ? 'opacity-100' : 'opacity-0',
            )}
          />
        ) : (
          <div className="flex h-full w-full items-center justify-center text-stone-500">
            {processing ? <Loader2 className="h-6 w-6 animate-spin" aria-hidden /> : <ImageOff className="h-6 w-6" aria-hidden />}
          </div>
        )}
        {!loaded && image.thumbnail_url && !broken && <div className="absolute inset-0 animate-pulse bg-stone-700" aria-hidden />}
        <div className={cn('pointer-events-none absolute inset-x-0 top-0 flex items-start justify-between p-2', selection && 'pl-10')}>
          {image.detection_count > 0 ? (
            <span className="inline-flex items-center gap-1 rounded-md bg-black/55 px-1.5 py-0.5 text-[11px] font-medium text-white backdrop-blur-sm">
              <ScanSearch className="h-3 w-3" aria-hidden />
              {image.detection_count}
            </span>
          ) : (
            <span />
          )}
          {image.review_status !== 'unreviewed' && (
            <span className="rounded-full bg-white/95 p-0.5 shadow">
              <ReviewIcon status={image.review_status} />
            </span>
          )}
        </div>
        <time
          dateTime={time.at}
          title={time.description}
          className="absolute bottom-2 right-2 rounded-md bg-black/55 px-1.5 py-0.5 text-[11px] font-medium tabular-nums text-white backdrop-blur-sm"
        >
          {time.text}
        </time>
        {processing && (
          <span className="absolute bottom-2 left-2 inline-flex items-center gap-1 rounded-md bg-sky-600/90 px-1.5 py-0.5 text-[11px] font-medium text-white">
            <Loader2 className="h-3 w-3 animate-spin" aria-hidden /> {image.status}
          </span>
        )}
        {image.status === 'failed' && (
          <span className="absolute bottom-2 left-2 rounded-md bg-red-600/90 px-1.5 py-0.5 text-[11px] font-medium text-white">failed</span>
        )}
        {badge && !video && !processing && image.status !== 'failed' && (
          <span data-testid="card-badge" className="absolute bottom-2 left-2 rounded-md bg-black/65 px-1.5 py-0.5 text-[11px] font-medium text-white backdrop-blur-sm">
            {badge}
          </span>
        )}
      </div>
      <div className="flex flex-1 flex-col gap-1 px-3 py-2.5">
        <div className="flex items-center justify-between gap-2">
          <span className="flex min-w-0 items-center gap-1.5">
            {species && (
              <span className="h-2 w-2 shrink-0 rounded-full" style={{ backgroundColor: speciesColor(species) }} aria-hidden />
            )}
            <span
              className={cn('truncate text-sm font-semibold', species ? 'text-stone-900' : 'text-stone-500')}
              title={species ? speciesTooltip(title, activeClassifier(models), models) : undefined}
            >
              {title}
            </span>
            {species && others.length > 0 && (
              <span
                className="shrink-0 rounded-full bg-stone-100 px-1.5 text-[11px] font-medium text-stone-600"
                title={`Also: ${others.map(speciesName).join(', ')}`}
              >
                +{others.length}
                <span className="sr-only"> ({others.map(speciesName).join(', ')})</span>
              </span>
            )}
          </span>
          {(image.top_species_score ?? image.top_confidence) != null && species && (
            <span className="shrink-0 text-xs tabular-nums text-stone-500" title="Classification confidence">
              {formatPercent(image.top_species_score ?? image.top_confidence)}
            </span>
          )}
        </div>
        {video && (
          <span
            data-testid="video-badge"
            className="inline-flex w-fit items-center gap-1 rounded-md bg-amber-50 px-1.5 py-0.5 text-[11px] font-medium text-amber-900 ring-1 ring-amber-200"
          >
            <Film className="h-3 w-3 shrink-0" aria-hidden /> Video — not analysed yet
          </span>
        )}
        <div className="flex min-w-0 items-center gap-1 text-xs text-stone-500">
          <Camera className="h-3 w-3 shrink-0" aria-hidden />
          <span className="truncate">{image.camera_name ?? 'Unassigned camera'}</span>
          {!time.known && <CaptureTimeUnknownBadge description={time.description} className="ml-auto shrink-0" />}
        </div>
      </div>
    </Link>
  )
  if (!selection) return card
  // The checkbox is the card's sibling, not inside the link (no control inside a control).
  return (
    <div className="relative h-full">
      {card}
      <label className="absolute left-1 top-1 z-10 flex h-9 w-9 cursor-pointer items-center justify-center">
        <input
          type="checkbox"
          data-testid="select-image"
          checked={selection.selected}
          onChange={() => {}}
          onClick={(e) => selection.onToggle(e.shiftKey)}
          className="h-5 w-5 cursor-pointer rounded border-stone-300 accent-forest-700 shadow"
          aria-label={`Select ${title}, ${image.camera_name ?? 'unassigned camera'}, ${time.text}`}
        />
      </label>
    </div>
  )
}

export function ImageCardSkeleton() {
  return (
    <div className="overflow-hidden rounded-xl border border-stone-200/80 bg-white shadow-card" aria-hidden>
      <div className="aspect-[4/3] animate-pulse bg-stone-200" />
      <div className="space-y-2 px-3 py-3">
        <div className="h-3.5 w-2/3 animate-pulse rounded bg-stone-200" />
        <div className="h-3 w-full animate-pulse rounded bg-stone-100" />
      </div>
    </div>
  )
}
