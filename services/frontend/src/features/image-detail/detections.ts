import type { Detection } from '@/lib/api/types'
import { speciesName } from '@/lib/format'
import { speciesColor } from '@/lib/species-colors'

/** The name to show for a detection: a reviewer's correction, else the classifier's top label, else the category. */
export function detectionLabel(d: Detection): string {
  if (d.human_label) return d.human_label
  if (d.label) return d.label
  const top = [...(d.classifications ?? [])].filter((c) => c.source !== 'human').sort((a, b) => a.rank - b.rank)[0]
  return top?.label ?? d.category
}

export function detectionDisplayName(d: Detection): string {
  return speciesName(detectionLabel(d))
}

/** Confidence to show beside the name: the species score when classified, else the detector's. */
export function detectionScore(d: Detection): number | null {
  if (d.human_label) return null
  const top = [...(d.classifications ?? [])].filter((c) => c.source !== 'human').sort((a, b) => a.rank - b.rank)[0]
  return top ? top.score : d.confidence
}

export function detectionColor(d: Detection): string {
  return speciesColor(d.category === 'animal' ? detectionLabel(d) : d.category)
}
