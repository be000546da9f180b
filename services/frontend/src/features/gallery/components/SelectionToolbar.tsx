import { CheckCircle2, Flag, Keyboard, PawPrint, X, XCircle } from 'lucide-react'
import { Button } from '@/components/Button'
import { formatNumber } from '@/lib/format'
import type { ReviewStatus } from '@/lib/api/types'

/** The bar under a gallery selection: review or label every selected image at once. */
export function SelectionToolbar({
  count,
  busy,
  onReview,
  onSetSpecies,
  onClear,
  onHotkeys,
}: {
  count: number
  busy: boolean
  onReview: (status: ReviewStatus) => void
  onSetSpecies: () => void
  onClear: () => void
  onHotkeys?: () => void
}) {
  if (count === 0) return null
  return (
    <div
      role="toolbar"
      aria-label="Selected images"
      data-testid="selection-toolbar"
      className="sticky bottom-3 z-20 mt-4 flex flex-wrap items-center gap-2 rounded-xl border border-forest-200 bg-white/95 p-2 shadow-pop backdrop-blur sm:gap-3 sm:p-3"
    >
      <p className="px-1 text-sm font-semibold text-stone-900" aria-live="polite" data-testid="selection-count">
        {formatNumber(count)} selected
      </p>
      <div className="flex flex-1 flex-wrap items-center gap-1.5">
        <Button size="sm" variant="primary" disabled={busy} onClick={() => onReview('approved')} icon={<CheckCircle2 className="h-4 w-4" aria-hidden />}>
          Approve
        </Button>
        <Button size="sm" disabled={busy} onClick={() => onReview('rejected')} icon={<XCircle className="h-4 w-4" aria-hidden />}>
          Reject
        </Button>
        <Button size="sm" disabled={busy} onClick={() => onReview('flagged')} icon={<Flag className="h-4 w-4" aria-hidden />}>
          Flag
        </Button>
        <Button size="sm" disabled={busy} onClick={onSetSpecies} icon={<PawPrint className="h-4 w-4" aria-hidden />}>
          Set species
        </Button>
        {onHotkeys && (
          <Button size="sm" variant="ghost" onClick={onHotkeys} aria-label="Species hotkeys" icon={<Keyboard className="h-4 w-4" aria-hidden />} />
        )}
      </div>
      <Button size="sm" variant="ghost" onClick={onClear} aria-keyshortcuts="Escape" icon={<X className="h-4 w-4" aria-hidden />}>
        Clear
      </Button>
    </div>
  )
}
