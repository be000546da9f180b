import { CheckCircle2, Eye, Flag, RotateCcw, XCircle } from 'lucide-react'
import { cn } from '@/components/cn'
import type { ReviewStatus } from '@/lib/api/types'

const ACTIONS: { status: ReviewStatus; label: string; done: string; key: string; icon: typeof CheckCircle2; on: string; off: string }[] = [
  {
    status: 'approved',
    label: 'Approve',
    done: 'Approved',
    key: 'A',
    icon: CheckCircle2,
    on: 'border-forest-700 bg-forest-700 text-white',
    off: 'border-stone-300 bg-white text-stone-700 hover:border-forest-500 hover:text-forest-800',
  },
  {
    status: 'rejected',
    label: 'Reject',
    done: 'Rejected',
    key: 'R',
    icon: XCircle,
    on: 'border-red-700 bg-red-700 text-white',
    off: 'border-stone-300 bg-white text-stone-700 hover:border-red-400 hover:text-red-700',
  },
  {
    status: 'flagged',
    label: 'Flag',
    done: 'Flagged',
    key: 'F',
    icon: Flag,
    on: 'border-amber-500 bg-amber-500 text-white',
    off: 'border-stone-300 bg-white text-stone-700 hover:border-amber-400 hover:text-amber-700',
  },
]

export function ReviewBar({
  current,
  canReview,
  busy,
  onReview,
}: {
  current: ReviewStatus
  canReview: boolean
  busy: boolean
  onReview: (status: ReviewStatus) => void
}) {
  if (!canReview) {
    return (
      <div className="flex items-center gap-2 rounded-lg bg-stone-50 px-3 py-2.5 text-sm text-stone-600" data-testid="review-readonly">
        <Eye className="h-4 w-4 text-stone-500" aria-hidden />
        You have view-only access. Analysts and admins review images.
      </div>
    )
  }
  return (
    <div>
      <div className="grid grid-cols-3 gap-2" role="group" aria-label="Review this image">
        {ACTIONS.map((a) => {
          const active = current === a.status
          return (
            <button
              key={a.status}
              type="button"
              disabled={busy}
              aria-pressed={active}
              aria-keyshortcuts={a.key}
              onClick={() => onReview(active ? 'unreviewed' : a.status)}
              title={active ? `Undo ${a.label.toLowerCase()} (${a.key})` : `${a.label} (${a.key})`}
              className={cn(
                'flex flex-col items-center justify-center gap-1 rounded-lg border px-2 py-2.5 text-sm font-medium shadow-sm transition-colors disabled:opacity-60',
                active ? a.on : a.off,
              )}
            >
              <a.icon className="h-5 w-5" aria-hidden />
              <span>{active ? a.done : a.label}</span>
              <kbd className={cn('rounded px-1 font-mono text-[10px]', active ? 'bg-white/20' : 'bg-stone-100 text-stone-500')}>{a.key}</kbd>
            </button>
          )
        })}
      </div>
      {current !== 'unreviewed' && (
        <button
          type="button"
          onClick={() => onReview('unreviewed')}
          disabled={busy}
          className="mt-2 inline-flex items-center gap-1 text-xs font-medium text-stone-500 hover:text-stone-800"
        >
          <RotateCcw className="h-3 w-3" aria-hidden /> Mark as not reviewed
        </button>
      )}
    </div>
  )
}
