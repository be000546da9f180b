import { CheckCircle2, Flag, PawPrint, X, XCircle } from 'lucide-react'
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
}: {
  count: number
  busy: boolean
  onReview: (status: ReviewStatus) => void
  onSetSpecies: () => void
  onClear: () => void
}) {
  if (count === 0) return null
  return (
    <div
      role="toolbar"
      aria-label="Selected images"
      data-testid="selection-toolbar"
      className="sticky bottom-3 z-20 mt-4 flex flex-wrap items-center gap-2 rounded-xl border border-forest-200 bg-white/95 p-2 shadow-pop backdrop-blur sm:gap-3 sm:p-3"
    >
      <p className="order-1 px-1 text-sm font-semibold text-stone-900" aria-live="polite" data-testid="selection-count">
        {formatNumber(count)} selected
      </p>
      <div className="order-3 grid w-full grid-cols-4 gap-1.5 sm:order-2 sm:flex sm:w-auto sm:flex-1 sm:flex-wrap sm:items-center">
        <Button size="sm" variant="primary" disabled={busy} onClick={() => onReview('approved')} icon={<CheckCircle2 className="hidden h-4 w-4 sm:block" aria-hidden />}>
          Approve
        </Button>
        <Button size="sm" disabled={busy} onClick={() => onReview('rejected')} icon={<XCircle className="hidden h-4 w-4 sm:block" aria-hidden />}>
          Reject
        </Button>
        <Button size="sm" disabled={busy} onClick={() => onReview('flagged')} icon={<Flag className="hidden h-4 w-4 sm:block" aria-hidden />}>
          Flag
        </Button>
        <Button size="sm" disabled={busy} onClick={onSetSpecies} icon={<PawPrint className="hidden h-4 w-4 sm:block" aria-hidden />}>
          <span className="sm:hidden">Species</span>
          <span className="hidden sm:inline">Set species</span>
        </Button>
      </div>
      <Button size="sm" variant="ghost" className="order-2 ml-auto sm:order-3 sm:ml-0" onClick={onClear} aria-keyshortcuts="Escape" icon={<X className="h-4 w-4" aria-hidden />}>
        Clear
      </Button>
    </div>
  )
}
