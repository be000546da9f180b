import { useMemo } from 'react'
import { useToast } from '@/components/Toasts'
import { useSpecies } from '@/lib/api/catalog'
import type { Detection } from '@/lib/api/types'
import { speciesName } from '@/lib/format'
import { defaultHotkeys, useAddSpeciesLabel, useSpeciesHotkeys, useSpeciesLabels } from '@/features/species-labels'
import { useCorrectSpecies, useResetSpecies } from '../api/image'

/**
 * Species corrections on the image page: from the list, by hotkey (1–9) or the picker, each with an
 * Undo that puts back exactly the label the detection had (a previous correction, or none).
 */
export function useSpeciesCorrections(imageId: string) {
  const correct = useCorrectSpecies(imageId)
  const reset = useResetSpecies(imageId)
  const addLabel = useAddSpeciesLabel()
  const labels = useSpeciesLabels()
  const species = useSpecies()
  const { push } = useToast()
  const list = useMemo(() => labels.data ?? [], [labels.data])
  const fallback = useMemo(
    () => defaultHotkeys(list, [...(species.data ?? [])].sort((a, b) => b.count - a.count).map((s) => s.species)),
    [list, species.data],
  )
  const hotkeys = useSpeciesHotkeys(fallback)
  const display = (label: string) => list.find((l) => l.label === label)?.display ?? speciesName(label)

  const restore = async (before: { id: number; previous: string | null }[]) => {
    for (const { id, previous } of before) {
      if (previous) await correct.mutateAsync({ detectionId: id, label: previous })
      else await reset.mutateAsync(id)
    }
  }

  /** Gives these detections `label`; the toast offers Undo. Rejects with the API's message. */
  const setLabel = async (detections: Detection[], label: string) => {
    const before = detections.map((d) => ({ id: d.id, previous: d.human_label ?? null }))
    for (const d of detections) await correct.mutateAsync({ detectionId: d.id, label })
    push({
      title: `${detections.length > 1 ? `${detections.length} detections corrected` : 'Species corrected'}: ${display(label)}`,
      tone: 'success',
      duration: 8000,
      action: {
        label: 'Undo',
        onClick: () =>
          void restore(before)
            .then(() => push({ title: 'Correction undone', tone: 'info', duration: 2500 }))
            .catch((err: Error) => push({ title: 'Undo failed', description: err.message, tone: 'error' })),
      },
    })
  }

  /** Removes a detection's human label (DELETE): the machine's label counts again. */
  const undo = (detection: Detection) => {
    const previous = detection.human_label
    reset.mutate(detection.id, {
      onSuccess: () =>
        push({
          title: 'Correction removed',
          description: "The model's label counts again.",
          tone: 'info',
          duration: 8000,
          action: previous ? { label: 'Redo', onClick: () => void correct.mutateAsync({ detectionId: detection.id, label: previous }) } : undefined,
        }),
      onError: (err) => push({ title: 'Could not remove the correction', description: err.message, tone: 'error' }),
    })
  }

  return {
    labels: list,
    display,
    hotkeys,
    setLabel,
    undo,
    addLabel: (label: string) => addLabel.mutateAsync(label),
    busy: correct.isPending || reset.isPending,
  }
}
