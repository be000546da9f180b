import { useEffect, useMemo, useState } from 'react'
import { Link, useNavigate, useParams, useSearchParams } from 'react-router'
import { ArrowLeft, ChevronLeft, ChevronRight, Keyboard, RotateCw, Settings2 } from 'lucide-react'
import { Button } from '@/components/Button'
import { Card, CardHeader } from '@/components/Card'
import { Skeleton } from '@/components/Skeleton'
import { ErrorState } from '@/components/States'
import { useToast } from '@/components/Toasts'
import { useProjectPath } from '@/lib/project'
import { ApiError } from '@/lib/api/errors'
import { CaptureTimeUnknownBadge } from '@/components/CaptureTimeUnknownBadge'
import { shownTime } from '@/lib/capture-time'
import { speciesName } from '@/lib/format'
import type { ReviewStatus } from '@/lib/api/types'
import { useAuth, useCanReview } from '@/features/auth'
import { Switch } from '@/components/Switch'
import { emptyHotkeys, HotkeySettings, labelForKey } from '@/features/species-labels'
import { useProjectContext } from '@/lib/project'
import { useResetOnChange } from '@/lib/useResetOnChange'
import { parseFilters, serializeFilters, viewQuery } from '@/lib/filters'
import { useImage, usePrefetchNeighbours, useRetryImage, useReviewImage, useSequence } from '../api/image'
import { detectionDisplayName } from '../detections'
import { isTypingTarget } from '../keyboard'
import { useAutoAdvance } from '../hooks/useAutoAdvance'
import { useKeyboardShortcuts } from '../hooks/useKeyboardShortcuts'
import { useSpeciesCorrections } from '../hooks/useSpeciesCorrections'
import { DetectionCanvas } from './DetectionCanvas'
import { DetectionList } from './DetectionList'
import { MetadataPanel } from './MetadataPanel'
import { ReviewBar } from './ReviewBar'
import { frameNeighbours, SequencePanel } from './SequencePanel'
import { SequenceReview } from './SequenceReview'
import { ShortcutHelp } from './ShortcutHelp'

const REVIEW_TOAST: Record<ReviewStatus, string> = {
  approved: 'Image approved',
  rejected: 'Image rejected',
  flagged: 'Image flagged for another look',
  unreviewed: 'Review cleared',
}

export default function ImageDetailPage() {
  const { imageId = '' } = useParams()
  const [params] = useSearchParams()
  const key = params.toString()
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const filters = useMemo(() => parseFilters(params), [key])
  const query = viewQuery(filters)
  const navigate = useNavigate()
  const to = useProjectPath()
  const { push } = useToast()
  const { user, hasRole } = useAuth()
  const canReview = useCanReview()
  const image = useImage(imageId, filters)
  const review = useReviewImage(imageId, user?.email)
  const retry = useRetryImage(imageId)
  const corrections = useSpeciesCorrections(imageId)
  const [autoAdvance, setAutoAdvance] = useAutoAdvance()
  const projectRole = useProjectContext().project?.role
  const canAddLabels = user?.role === 'admin' || projectRole === 'admin'
  const [highlighted, setHighlighted] = useState<number | null>(null)
  const [help, setHelp] = useState(false)
  const [hotkeyDialog, setHotkeyDialog] = useState(false)
  const data = image.data
  const current = data && data.id === imageId ? data : undefined
  const time = current ? shownTime(current) : undefined
  usePrefetchNeighbours(current?.prev_id, current?.next_id, filters)
  const inSequence = (current?.sequence.frame_count ?? 1) > 1
  const sequence = useSequence(current?.sequence.id, inSequence)
  const frames = sequence.data?.id === current?.sequence.id ? sequence.data?.frames : undefined

  useResetOnChange(imageId, () => setHighlighted(null))
  useEffect(() => {
    if (current) {
      const name = current.top_species ? speciesName(current.top_species) : 'Image'
      document.title = `${name} · ${current.camera_name ?? 'Unassigned'} · AddaxAI Connect`
    }
  }, [current])

  const galleryQuery = serializeFilters(filters).toString()
  const galleryHref = to(`/gallery${galleryQuery ? `?${galleryQuery}` : ''}`)
  const go = (id: string | null | undefined) => {
    if (id) navigate(to(`/images/${id}${query}`))
  }

  const doReview = (status: ReviewStatus) => {
    if (!current) return
    if (!canReview) {
      push({ title: 'View-only access', description: `Your role (${user?.role}) cannot review images.`, tone: 'error' })
      return
    }
    // Keys set a state (pressing A twice keeps the image approved); the buttons toggle, see ReviewBar.
    const target = status
    // With auto-advance on, a decision moves to the next image at once (the request finishes in the background).
    const advance = () => {
      if (!autoAdvance || target === 'unreviewed') return
      if (current.next_id) go(current.next_id)
      else push({ title: 'That was the last image under these filters', tone: 'info', duration: 2500 })
    }
    if (current.review_status === target) {
      push({ title: `Already ${target}`, tone: 'info', duration: 1500 })
      advance()
      return
    }
    advance()
    review.mutate(target, {
      onSuccess: () => push({ title: REVIEW_TOAST[target], tone: target === 'rejected' ? 'info' : 'success', duration: 2500 }),
      onError: (err) =>
        push({
          title: err instanceof ApiError && err.status === 403 ? 'Not allowed' : 'Review not saved',
          description: err.message,
          tone: 'error',
        }),
    })
  }

  useKeyboardShortcuts((action) => {
    switch (action) {
      case 'previous':
        go(current?.prev_id)
        return
      case 'next':
        go(current?.next_id)
        return
      case 'previous-frame':
      case 'next-frame': {
        if (!current || !inSequence) return false
        const step = frameNeighbours(current)
        go(action === 'next-frame' ? step.next : step.previous)
        return
      }
      case 'approve':
        doReview('approved')
        return
      case 'reject':
        doReview('rejected')
        return
      case 'flag':
        doReview('flagged')
        return
      case 'help':
        setHelp((h) => !h)
        return
      case 'back':
        navigate(galleryHref)
        return
      case 'close':
        if (highlighted != null) {
          setHighlighted(null)
          return
        }
        return false
    }
  }, !help && !hotkeyDialog)

  // Species hotkeys 1–9: the highlighted detection, else every animal detection of the image.
  useEffect(() => {
    if (!current || !canReview || help || hotkeyDialog) return
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat || isTypingTarget(event.target)) return
      const label = labelForKey(corrections.hotkeys.hotkeys, event)
      if (!label) return
      event.preventDefault()
      const animals = current.detections.filter((d) => d.category === 'animal')
      const chosen = animals.filter((d) => d.id === highlighted)
      const targets = chosen.length ? chosen : animals
      if (!targets.length) {
        push({ title: 'No animal detection to label', tone: 'info', duration: 2000 })
        return
      }
      corrections
        .setLabel(targets, label)
        .catch((err: Error) => push({ title: 'Species not saved', description: err.message, tone: 'error' }))
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  })

  if (image.isError && !current) {
    const notFound = image.error instanceof ApiError && image.error.status === 404
    return (
      <div>
        <BackLink href={galleryHref} />
        <ErrorState
          title={notFound ? 'Image not found' : 'Could not load this image'}
          error={notFound ? 'It may have been deleted, or the link is wrong.' : image.error}
          onRetry={notFound ? undefined : () => void image.refetch()}
        />
      </div>
    )
  }

  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <BackLink href={galleryHref} />
        <div className="flex items-center gap-2">
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setHelp(true)}
            icon={<Keyboard className="h-4 w-4" aria-hidden />}
            aria-keyshortcuts="?"
            aria-label="Keyboard shortcuts"
          >
            <span className="hidden sm:inline">Shortcuts</span>
          </Button>
          <Button
            size="sm"
            onClick={() => go(current?.prev_id)}
            disabled={!current?.prev_id}
            icon={<ChevronLeft className="h-4 w-4" aria-hidden />}
            aria-keyshortcuts="ArrowLeft"
            data-testid="prev-image"
          >
            Previous
          </Button>
          <Button
            size="sm"
            onClick={() => go(current?.next_id)}
            disabled={!current?.next_id}
            aria-keyshortcuts="ArrowRight"
            data-testid="next-image"
          >
            Next
            <ChevronRight className="h-4 w-4" aria-hidden />
          </Button>
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_360px]">
        <div className="min-w-0 space-y-4">
          {current ? (
            <>
              <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                <h1 className="text-xl font-semibold tracking-tight text-stone-900">
                  {current.media_kind === 'video'
                    ? 'Video'
                    : current.detections.length > 0
                    ? summarize(current.detections.map(detectionDisplayName))
                    : current.status === 'completed'
                      ? 'No animals detected'
                      : 'Image'}
                </h1>
                <p className="flex flex-wrap items-center gap-x-1.5 gap-y-1 text-sm text-stone-500">
                  <span>
                    {current.camera_name ?? 'Unassigned camera'} · {time?.text}
                  </span>
                  {time && !time.known && <CaptureTimeUnknownBadge description={time.description} />}
                </p>
              </div>
              {inSequence && (
                <SequencePanel image={current} frames={frames} hrefOf={(id) => to(`/images/${id}${query}`)} onStep={go} />
              )}
              {current.media_kind === 'video' ? (
                <div className="space-y-2">
                  {current.url ? (
                    <video
                      data-testid="video-player"
                      controls
                      preload="metadata"
                      src={current.url}
                      poster={current.thumbnail_url ?? undefined}
                      className="max-h-[64vh] w-full rounded-xl bg-stone-900"
                    >
                      <track kind="captions" />
                    </video>
                  ) : null}
                  <p data-testid="video-note" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
                    Video — not analysed yet: videos are stored and listed, but the image models do not run on them.
                    Its status is completed with no detections.
                  </p>
                </div>
              ) : (
              <DetectionCanvas
                imageId={current.id}
                src={current.url}
                placeholder={current.thumbnail_url}
                naturalSize={current.width && current.height ? { width: current.width, height: current.height } : null}
                detections={current.detections}
                highlighted={highlighted}
                onHighlight={setHighlighted}
                alt={`Camera-trap photo from ${current.camera_name ?? 'an unassigned camera'}`}
              />
              )}
              <p className={current.media_kind === 'video' ? 'hidden' : 'hidden text-xs text-stone-500 sm:block'}>
                Hover a box for its label · click a detection to highlight it · press <kbd className="font-mono">?</kbd> for shortcuts
              </p>
            </>
          ) : (
            <>
              <Skeleton className="h-7 w-64" />
              <Skeleton className="h-[52vh] w-full rounded-xl sm:h-[64vh]" />
            </>
          )}
        </div>

        <div className="space-y-4">
          <Card>
            <CardHeader title="Review" description={canReview ? 'Your decision is recorded in the audit log.' : undefined} />
            <div className="p-4">
              {current ? (
                <ReviewBar current={current.review_status} canReview={canReview} busy={review.isPending} onReview={doReview} />
              ) : (
                <Skeleton className="h-20 w-full" />
              )}
              {current && inSequence && canReview && (
                <SequenceReview sequenceId={current.sequence.id} frameCount={current.sequence.frame_count} frames={frames} />
              )}
              {canReview && (
                <div className="mt-3 flex items-center justify-between gap-3 border-t border-stone-100 pt-3">
                  <span className="text-xs text-stone-600">
                    Go to the next image after approve, reject or flag
                  </span>
                  <Switch checked={autoAdvance} onChange={setAutoAdvance} label="Auto-advance to the next image" />
                </div>
              )}
              {current?.status === 'failed' && hasRole('admin') && (
                <Button
                  className="mt-3 w-full"
                  onClick={() =>
                    retry.mutate(undefined, {
                      onSuccess: () => push({ title: 'Image queued for processing again', tone: 'success' }),
                      onError: (e) => push({ title: 'Retry failed', description: e.message, tone: 'error' }),
                    })
                  }
                  loading={retry.isPending}
                  icon={<RotateCw className="h-4 w-4" aria-hidden />}
                >
                  Retry processing
                </Button>
              )}
            </div>
          </Card>

          <Card>
            <CardHeader
              title="Detections"
              description={
                current
                  ? `${current.detections.length} above the ${Math.round((current.display_threshold ?? 0) * 100)}% display threshold`
                  : undefined
              }
              actions={
                canReview ? (
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => setHotkeyDialog(true)}
                    icon={<Settings2 className="h-4 w-4" aria-hidden />}
                    title="Species on keys 1 to 9"
                  >
                    <span className="sr-only sm:not-sr-only">Hotkeys 1–9</span>
                  </Button>
                ) : undefined
              }
            />
            {current ? (
              <DetectionList
                detections={current.detections}
                highlighted={highlighted}
                onHighlight={setHighlighted}
                canCorrect={canReview}
                labels={corrections.labels}
                hotkeys={corrections.hotkeys.hotkeys}
                canAddLabels={canAddLabels}
                onAddLabel={corrections.addLabel}
                correcting={corrections.busy}
                onCorrect={(detectionId, label) =>
                  corrections.setLabel(current.detections.filter((d) => d.id === detectionId), label)
                }
                onUndo={(detectionId) => {
                  const detection = current.detections.find((d) => d.id === detectionId)
                  if (detection) corrections.undo(detection)
                }}
              />
            ) : (
              <div className="space-y-3 p-5">
                <Skeleton className="h-11 w-full" />
                <Skeleton className="h-11 w-full" />
              </div>
            )}
          </Card>

          <Card>
            <CardHeader title="Details" />
            {current ? (
              <MetadataPanel image={current} />
            ) : (
              <div className="space-y-2 p-5">
                {Array.from({ length: 6 }, (_, i) => (
                  <Skeleton key={i} className="h-4 w-full" />
                ))}
              </div>
            )}
          </Card>
        </div>
      </div>

      <ShortcutHelp open={help} onClose={() => setHelp(false)} canReview={canReview} />
      <HotkeySettings
        open={hotkeyDialog}
        onClose={() => setHotkeyDialog(false)}
        labels={corrections.labels}
        hotkeys={corrections.hotkeys.hotkeys}
        onAssign={corrections.hotkeys.assign}
        onClear={() => corrections.hotkeys.save(emptyHotkeys())}
      />
    </div>
  )
}

function BackLink({ href }: { href: string }) {
  return (
    <Link to={href} className="inline-flex items-center gap-1.5 text-sm font-medium text-stone-600 hover:text-forest-800">
      <ArrowLeft className="h-4 w-4" aria-hidden /> Back to gallery
    </Link>
  )
}

/** ["Red fox", "Red fox", "Badger"] → "2 × Red fox, Badger". */
function summarize(names: string[]): string {
  const counts = new Map<string, number>()
  names.forEach((n) => counts.set(n, (counts.get(n) ?? 0) + 1))
  return Array.from(counts, ([n, c]) => (c > 1 ? `${c} × ${n}` : n)).join(', ')
}
