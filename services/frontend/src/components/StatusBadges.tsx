import { CheckCircle2, Flag, XCircle } from 'lucide-react'
import type { ImageStatus, ReviewStatus } from '@/lib/api/types'
import { Badge, type BadgeTone } from './Badge'

export const IMAGE_STATUS_META: Record<ImageStatus, { label: string; tone: BadgeTone }> = {
  received: { label: 'Received', tone: 'blue' },
  detecting: { label: 'Detecting', tone: 'blue' },
  detected: { label: 'Detected', tone: 'blue' },
  classifying: { label: 'Classifying', tone: 'blue' },
  completed: { label: 'Completed', tone: 'green' },
  failed: { label: 'Failed', tone: 'red' },
  rejected: { label: 'Rejected file', tone: 'neutral' },
}

export const REVIEW_STATUS_META: Record<ReviewStatus, { label: string; tone: BadgeTone }> = {
  unreviewed: { label: 'Not reviewed', tone: 'neutral' },
  approved: { label: 'Approved', tone: 'green' },
  rejected: { label: 'Rejected', tone: 'red' },
  flagged: { label: 'Flagged', tone: 'amber' },
}

export function ImageStatusBadge({ status }: { status: ImageStatus }) {
  const meta = IMAGE_STATUS_META[status] ?? { label: status, tone: 'neutral' as const }
  return (
    <Badge tone={meta.tone} dot>
      {meta.label}
    </Badge>
  )
}

export function ReviewStatusBadge({ status }: { status: ReviewStatus }) {
  const meta = REVIEW_STATUS_META[status] ?? { label: status, tone: 'neutral' as const }
  return <Badge tone={meta.tone}>{meta.label}</Badge>
}

/** A small round icon for the review state on thumbnails (nothing when not reviewed). */
export function ReviewIcon({ status, className }: { status: ReviewStatus; className?: string }) {
  if (status === 'approved')
    return <CheckCircle2 className={className ?? 'h-4 w-4 text-forest-600'} aria-label="Approved" role="img" />
  if (status === 'rejected') return <XCircle className={className ?? 'h-4 w-4 text-red-600'} aria-label="Rejected" role="img" />
  if (status === 'flagged') return <Flag className={className ?? 'h-4 w-4 text-amber-600'} aria-label="Flagged" role="img" />
  return null
}

export function isProcessing(status: ImageStatus): boolean {
  return status === 'received' || status === 'detecting' || status === 'detected' || status === 'classifying'
}
