import { Link } from 'react-router'
import { ChevronLeft, ChevronRight, Layers } from 'lucide-react'
import { Button } from '@/components/Button'
import { cn } from '@/components/cn'
import { ReviewIcon } from '@/components/StatusBadges'
import type { ImageDetail, ImageSummary } from '@/lib/api/types'

/** The frame ids before and after this image in its sequence (null at either end). */
export function frameNeighbours(image: Pick<ImageDetail, 'id' | 'sequence'>): { previous: string | null; next: string | null } {
  const ids = image.sequence.frame_ids
  const i = ids.indexOf(image.id)
  if (i < 0) return { previous: null, next: null }
  return { previous: ids[i - 1] ?? null, next: ids[i + 1] ?? null }
}

/** "Frame 2 of 3" with previous/next frame buttons (Shift+←/→) and a strip of the frames' thumbnails. */
export function SequencePanel({
  image,
  frames,
  hrefOf,
  onStep,
}: {
  image: ImageDetail
  frames: ImageSummary[] | undefined
  hrefOf: (id: string) => string
  onStep: (id: string | null) => void
}) {
  const { previous, next } = frameNeighbours(image)
  const seq = image.sequence
  return (
    <section aria-label="Sequence" data-testid="sequence-panel" className="rounded-xl border border-stone-200/80 bg-white p-3 shadow-card">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="inline-flex items-center gap-1.5 text-sm font-medium text-stone-800">
          <Layers className="h-4 w-4 text-stone-500" aria-hidden />
          <span data-testid="sequence-position">
            Frame {seq.offset + seq.position + 1} of {seq.frame_count}
          </span>
          <span className="text-xs font-normal text-stone-500">in this sequence</span>
        </p>
        <div className="flex items-center gap-1.5">
          <Button size="sm" onClick={() => onStep(previous)} disabled={!previous} aria-keyshortcuts="Shift+ArrowLeft" icon={<ChevronLeft className="h-4 w-4" aria-hidden />}>
            Previous frame
          </Button>
          <Button size="sm" onClick={() => onStep(next)} disabled={!next} aria-keyshortcuts="Shift+ArrowRight">
            Next frame
            <ChevronRight className="h-4 w-4" aria-hidden />
          </Button>
        </div>
      </div>
      {frames && frames.length > 1 && (
        <ol className="mt-2 flex gap-1.5 overflow-x-auto pb-1" aria-label="Frames">
          {frames.map((f, i) => {
            const current = f.id === image.id
            return (
              <li key={f.id} className="shrink-0">
                <Link
                  to={hrefOf(f.id)}
                  aria-current={current ? 'true' : undefined}
                  aria-label={`Frame ${i + 1}${f.review_status !== 'unreviewed' ? `, ${f.review_status}` : ''}${current ? ' (shown)' : ''}`}
                  data-testid="sequence-frame"
                  className={cn(
                    'relative block h-12 w-16 overflow-hidden rounded-md bg-stone-800 ring-offset-1',
                    current ? 'ring-2 ring-forest-600' : 'opacity-80 hover:opacity-100',
                  )}
                >
                  {f.thumbnail_url && <img src={f.thumbnail_url} alt="" className="h-full w-full object-cover" loading="lazy" />}
                  {f.review_status !== 'unreviewed' && (
                    <span className="absolute right-0.5 top-0.5 rounded-full bg-white/95 p-px shadow">
                      <ReviewIcon status={f.review_status} className="h-3 w-3" />
                    </span>
                  )}
                </Link>
              </li>
            )
          })}
        </ol>
      )}
    </section>
  )
}
