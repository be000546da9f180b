import { useState } from 'react'
import { Pencil, RotateCcw, User } from 'lucide-react'
import { cn } from '@/components/cn'
import { SpeciesPicker, type Hotkeys, type SpeciesLabel } from '@/features/species-labels'
import { useSpeciesColorVersion } from '@/lib/species-colors'
import { formatPercent, speciesName } from '@/lib/format'
import { speciesTooltip, useActiveModels } from '@/lib/models'
import type { Detection } from '@/lib/api/types'
import { detectionColor, detectionDisplayName, detectionScore } from '../detections'

const CATEGORY_LABEL: Record<string, string> = { animal: 'Animal', person: 'Person', vehicle: 'Vehicle' }

export function DetectionList({
  detections,
  highlighted,
  onHighlight,
  canCorrect,
  labels,
  hotkeys,
  canAddLabels,
  onAddLabel,
  onCorrect,
  onUndo,
  correcting,
}: {
  detections: Detection[]
  highlighted: number | null
  onHighlight: (id: number | null) => void
  canCorrect: boolean
  /** The project's species list a correction picks from. */
  labels: SpeciesLabel[]
  hotkeys: Hotkeys
  canAddLabels: boolean
  onAddLabel: (label: string) => Promise<unknown>
  onCorrect: (detectionId: number, label: string) => Promise<unknown>
  /** Removes the human label (the machine's counts again). */
  onUndo: (detectionId: number) => void
  correcting: boolean
}) {
  const [editing, setEditing] = useState<number | null>(null)
  const models = useActiveModels()
  useSpeciesColorVersion()
  if (detections.length === 0) {
    return <p className="px-5 py-6 text-sm text-stone-500">No animals, people or vehicles were detected in this image.</p>
  }
  return (
    <ul className="divide-y divide-stone-100" aria-label="Detections">
      {detections.map((d) => {
        const active = d.id === highlighted
        const color = detectionColor(d)
        const score = detectionScore(d)
        const machine = d.classifications.filter((c) => c.source !== 'human').sort((a, b) => a.rank - b.rank)
        return (
          <li key={d.id} className={cn('transition-colors', active && 'bg-sand-50')}>
            <button
              type="button"
              data-testid="detection-item"
              data-detection-id={d.id}
              data-color={color}
              aria-pressed={active}
              onClick={() => onHighlight(active ? null : d.id)}
              className="flex w-full items-center gap-3 px-5 py-3 text-left hover:bg-stone-50"
            >
              {d.crop_url ? (
                <img src={d.crop_url} alt="" className="h-11 w-11 shrink-0 rounded-md object-cover ring-2" style={{ ['--tw-ring-color' as string]: color }} loading="lazy" />
              ) : (
                <span className="flex h-11 w-11 shrink-0 items-center justify-center rounded-md ring-2" style={{ ['--tw-ring-color' as string]: color, backgroundColor: `${color}22` }} aria-hidden>
                  <span className="h-3 w-3 rounded-full" style={{ backgroundColor: color }} />
                </span>
              )}
              <span className="min-w-0 flex-1">
                <span className="flex items-center gap-2">
                  <span
                    className="truncate text-sm font-semibold text-stone-900"
                    title={speciesTooltip(detectionDisplayName(d), d.human_label ? 'human' : (machine[0]?.model_name ?? d.model_name), models)}
                  >
                    {detectionDisplayName(d)}
                  </span>
                  {d.human_label && (
                    <span className="inline-flex items-center gap-0.5 rounded bg-forest-50 px-1 py-px text-[10px] font-semibold uppercase text-forest-700" title="Corrected by a reviewer">
                      <User className="h-2.5 w-2.5" aria-hidden /> verified
                    </span>
                  )}
                </span>
                <span className="mt-0.5 block text-xs text-stone-500">
                  {CATEGORY_LABEL[d.category] ?? d.category} · detector {formatPercent(d.confidence)}
                  {score != null && machine.length > 0 && <> · species {formatPercent(score)}</>}
                  {!d.human_label && machine[0]?.taxon_rank && machine[0].taxon_rank !== 'species' && (
                    <span data-testid="taxon-rank" title="The species was uncertain: the classifier's answer is rolled up to this rank">
                      {' '}· {machine[0].taxon_rank} level
                    </span>
                  )}
                </span>
                <ModelLine detector={d.model_name} classifier={machine[0]?.model_name} demoModels={models?.demo_models ?? []} />
              </span>
              <span className="text-xs font-medium tabular-nums text-stone-500">#{d.index + 1}</span>
            </button>
            {active && machine.length > 1 && (
              <div className="px-5 pb-3 pl-[4.75rem]">
                <p className="mb-1 text-[11px] font-medium uppercase tracking-wide text-stone-500">Other candidates</p>
                <ul className="space-y-1">
                  {machine.slice(1, 5).map((c) => (
                    <li key={c.rank} className="flex items-center gap-2 text-xs text-stone-600">
                      <span className="w-28 truncate">{speciesName(c.label)}</span>
                      <span className="h-1.5 flex-1 overflow-hidden rounded-full bg-stone-100">
                        <span className="block h-full rounded-full bg-stone-400" style={{ width: `${Math.round(c.score * 100)}%` }} />
                      </span>
                      <span className="w-9 text-right tabular-nums">{formatPercent(c.score)}</span>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {canCorrect && d.category === 'animal' && (
              <div className="px-5 pb-3 pl-[4.75rem]">
                {editing === d.id ? (
                  <SpeciesPicker
                    labels={labels}
                    hotkeys={hotkeys}
                    initial={d.human_label ? (labels.find((l) => l.label === d.human_label)?.display ?? d.human_label) : ''}
                    busy={correcting}
                    canAdd={canAddLabels}
                    onAdd={onAddLabel}
                    onCancel={() => setEditing(null)}
                    onPick={async (label) => {
                      await onCorrect(d.id, label)
                      setEditing(null)
                    }}
                  />
                ) : (
                  <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    <button
                      type="button"
                      onClick={() => setEditing(d.id)}
                      className="inline-flex items-center gap-1 text-xs font-medium text-forest-700 hover:text-forest-900 hover:underline"
                    >
                      <Pencil className="h-3 w-3" aria-hidden /> Correct species
                    </button>
                    {d.human_label && (
                      <button
                        type="button"
                        onClick={() => onUndo(d.id)}
                        disabled={correcting}
                        data-testid="undo-correction"
                        title="Remove the reviewer's label: the model's label counts again"
                        className="inline-flex items-center gap-1 text-xs font-medium text-stone-600 hover:text-stone-900 hover:underline disabled:opacity-60"
                      >
                        <RotateCcw className="h-3 w-3" aria-hidden /> Undo correction
                      </button>
                    )}
                  </span>
                )}
              </div>
            )}
          </li>
        )
      })}
    </ul>
  )
}

/** The models behind a detection (rows store name@version), marked when they are demo stand-ins. */
function ModelLine({ detector, classifier, demoModels }: { detector: string; classifier?: string; demoModels: string[] }) {
  const demo = demoModels.includes(detector) || (classifier !== undefined && demoModels.includes(classifier))
  return (
    <span data-testid="detection-models" className="mt-0.5 flex min-w-0 flex-wrap items-center gap-x-1 text-[11px] text-stone-500">
      {/* Each name wraps as a unit (anywhere only if it alone is too long): a nowrap line widens the page on phones. */}
      <span>Models:</span>
      <span className="min-w-0 [overflow-wrap:anywhere]">{detector}</span>
      {classifier && <span className="min-w-0 [overflow-wrap:anywhere]">· {classifier}</span>}
      {demo && (
        <span className="shrink-0 rounded bg-amber-100 px-1 py-px text-[10px] font-semibold uppercase text-amber-800" title="A demo model: it finds the coloured shapes of the demo photos, not animals">
          demo
        </span>
      )}
    </span>
  )
}
