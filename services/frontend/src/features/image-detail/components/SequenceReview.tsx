import { CheckCircle2, Flag, XCircle } from 'lucide-react'
import { Button } from '@/components/Button'
import { useToast } from '@/components/Toasts'
import { useBulkReview, useReviewSequence } from '@/lib/api/review'
import type { ImageSummary, ReviewStatus } from '@/lib/api/types'

const ACTIONS: { status: ReviewStatus; label: string; icon: typeof CheckCircle2 }[] = [
  { status: 'approved', label: 'Approve all', icon: CheckCircle2 },
  { status: 'rejected', label: 'Reject all', icon: XCircle },
  { status: 'flagged', label: 'Flag all', icon: Flag },
]
const DONE: Record<ReviewStatus, string> = { approved: 'approved', rejected: 'rejected', flagged: 'flagged', unreviewed: 'cleared' }

/** Review every frame of the image's sequence in one request; Undo puts each frame's status back. */
export function SequenceReview({
  sequenceId,
  frameCount,
  frames,
  onDone,
}: {
  sequenceId: string
  frameCount: number
  /** The frames as last loaded (their statuses make the undo); undefined while loading. */
  frames: ImageSummary[] | undefined
  onDone?: (status: ReviewStatus) => void
}) {
  const review = useReviewSequence()
  const restore = useBulkReview()
  const { push } = useToast()

  const run = (status: ReviewStatus) => {
    const before = new Map<ReviewStatus, string[]>()
    for (const f of frames ?? []) {
      if (f.review_status !== status) before.set(f.review_status, [...(before.get(f.review_status) ?? []), f.id])
    }
    review.mutate(
      { sequenceId, status },
      {
        onSuccess: (result) => {
          onDone?.(status)
          push({
            title: `Sequence ${DONE[status]}: ${result.updated.length} frames`,
            tone: status === 'rejected' ? 'info' : 'success',
            duration: 10_000,
            action: before.size
              ? {
                  label: 'Undo',
                  onClick: () =>
                    void (async () => {
                      for (const [previous, ids] of before) await restore.mutateAsync({ ids, status: previous })
                      push({ title: 'Sequence review undone', tone: 'info', duration: 2500 })
                    })().catch((err: Error) => push({ title: 'Undo failed', description: err.message, tone: 'error' })),
                }
              : undefined,
          })
        },
        onError: (err) => push({ title: 'Sequence review not saved', description: err.message, tone: 'error' }),
      },
    )
  }

  return (
    <div className="mt-3 border-t border-stone-100 pt-3" data-testid="sequence-review">
      <p className="mb-2 text-xs font-medium text-stone-600">Whole sequence ({frameCount} frames)</p>
      <div className="grid grid-cols-3 gap-2" role="group" aria-label="Review the whole sequence">
        {ACTIONS.map((a) => (
          <Button
            key={a.status}
            size="sm"
            disabled={review.isPending || !frames}
            onClick={() => run(a.status)}
            className="whitespace-nowrap px-1.5"
            icon={<a.icon className="hidden h-3.5 w-3.5 sm:block lg:hidden xl:block" aria-hidden />}
            aria-label={`${a.label} ${frameCount} frames`}
          >
            {a.label}
          </Button>
        ))}
      </div>
    </div>
  )
}
