import { useRef, useState } from 'react'
import { useToast } from '@/components/Toasts'
import { ApiError } from '@/lib/api/errors'
import type { ImageSummary, ReviewStatus } from '@/lib/api/types'
import { useBulkReview } from '@/lib/api/review'
import { useBulkSpecies, useFetchSequence } from '../api/images'
import { clickSelection, deselectAll, EMPTY_SELECTION, selectAll, undoGroups, type Selection } from '../selection'

const DONE: Record<ReviewStatus, string> = { approved: 'approved', rejected: 'rejected', flagged: 'flagged', unreviewed: 'set to not reviewed' }
const CHUNK = 500 // the bulk endpoints' limit per request

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

const plural = (n: number, word = 'image') => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * The gallery's selection and what the toolbar does with it: bulk review (with undo back to each
 * image's previous status) and bulk species. Selected ids survive paging; the review status each
 * image had when last listed is remembered for undo. With one card per sequence (`bySequence`), a
 * selected card stands for every frame of its sequence: actions apply to all of them.
 */
export function useSelectionActions(bySequence: boolean) {
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION)
  const known = useRef(new Map<string, ReviewStatus>())
  const sequences = useRef(new Map<string, { sequenceId: string; frames: number }>())
  const review = useBulkReview()
  const species = useBulkSpecies()
  const fetchSequence = useFetchSequence()
  const [expanding, setExpanding] = useState(false)
  const { push } = useToast()

  const remember = (items: ImageSummary[]) =>
    items.forEach((i) => {
      known.current.set(i.id, i.review_status)
      sequences.current.set(i.id, { sequenceId: i.sequence_id, frames: i.frame_count })
    })

  /** The image ids an action applies to: the selected cards, or (by sequence) all their frames. */
  const targets = async (): Promise<string[]> => {
    const ids = [...selection.ids]
    if (!bySequence) return ids
    setExpanding(true)
    try {
      const all: string[] = []
      for (const id of ids) {
        const seq = sequences.current.get(id)
        if (!seq || seq.frames <= 1) {
          all.push(id)
          continue
        }
        const detail = await fetchSequence(seq.sequenceId)
        remember(detail.frames)
        all.push(...detail.frames.map((f) => f.id))
      }
      return [...new Set(all)]
    } finally {
      setExpanding(false)
    }
  }
  const toggle = (order: string[], id: string, shift: boolean) => setSelection((s) => clickSelection(s, order, id, shift))
  const togglePage = (order: string[], all: boolean) => setSelection((s) => (all ? deselectAll(s, order) : selectAll(s, order)))
  const clear = () => setSelection(EMPTY_SELECTION)

  const failed = (title: string) => (err: unknown) =>
    push({
      title: err instanceof ApiError && err.status === 403 ? 'Not allowed' : title,
      description: err instanceof Error ? err.message : undefined,
      tone: 'error',
    })

  const reviewIds = async (ids: string[], status: ReviewStatus) => {
    let updated = 0
    for (const part of chunks(ids)) updated += (await review.mutateAsync({ ids: part, status })).updated.length
    return updated
  }

  const applyReview = async (status: ReviewStatus) => {
    let ids: string[]
    try {
      ids = await targets()
    } catch (err) {
      return failed('Could not load the sequences')(err)
    }
    const before = new Map(ids.flatMap((id) => (known.current.has(id) ? [[id, known.current.get(id)!] as const] : [])))
    try {
      const cards = selection.ids.size
      const updated = await reviewIds(ids, status)
      ids.forEach((id) => known.current.set(id, status))
      clear()
      const groups = undoGroups(ids, before, status)
      push({
        title: bySequence ? `${plural(cards, 'sequence')} (${plural(updated)}) ${DONE[status]}` : `${plural(updated)} ${DONE[status]}`,
        tone: status === 'rejected' ? 'info' : 'success',
        duration: 10_000,
        action: groups.size
          ? {
              label: 'Undo',
              onClick: () => {
                void (async () => {
                  let restored = 0
                  for (const [previous, group] of groups) {
                    restored += await reviewIds(group, previous)
                    group.forEach((id) => known.current.set(id, previous))
                  }
                  push({ title: `Undone: ${plural(restored)} back as before`, tone: 'info', duration: 3000 })
                })().catch(failed('Undo failed'))
              },
            }
          : undefined,
      })
    } catch (err) {
      failed('Review not saved')(err)
    }
  }

  const applySpecies = async (label: string, display: string) => {
    const ids = await targets()
    let updated = 0
    let skipped = 0
    try {
      for (const part of chunks(ids)) {
        const result = await species.mutateAsync({ ids: part, label })
        updated += result.updated.length
        skipped += result.skipped.length
      }
      clear()
      push({
        title: `${display} set on ${plural(updated)}`,
        description: skipped ? `${plural(skipped)} had no animal detection and kept their label.` : 'Correct a single image from its page.',
        tone: 'success',
        duration: 6000,
      })
    } catch (err) {
      failed('Species not saved')(err)
      throw err
    }
  }

  return {
    selection,
    remember,
    toggle,
    togglePage,
    clear,
    applyReview,
    applySpecies,
    busy: review.isPending || species.isPending || expanding,
  }
}
