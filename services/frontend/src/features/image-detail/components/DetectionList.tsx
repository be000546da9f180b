import { useId, useState } from 'react'
import { Check, Pencil, User, X } from 'lucide-react'
import { Button } from '@/components/Button'
import { cn } from '@/components/cn'
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
  knownSpecies,
  onCorrect,
  correcting,
}: {
  detections: Detection[]
  highlighted: number | null
  onHighlight: (id: number | null) => void
  canCorrect: boolean
  knownSpecies: string[]
  onCorrect: (detectionId: number, label: string) => Promise<unknown>
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
                  <CorrectionForm
                    initial={d.human_label ?? d.label ?? ''}
                    knownSpecies={knownSpecies}
                    busy={correcting}
                    onCancel={() => setEditing(null)}
                    onSave={async (label) => {
                      await onCorrect(d.id, label)
                      setEditing(null)
                    }}
                  />
                ) : (
                  <button
                    type="button"
                    onClick={() => setEditing(d.id)}
                    className="inline-flex items-center gap-1 text-xs font-medium text-forest-700 hover:text-forest-900 hover:underline"
                  >
                    <Pencil className="h-3 w-3" aria-hidden /> Correct species
                  </button>
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

function CorrectionForm({
  initial,
  knownSpecies,
  busy,
  onSave,
  onCancel,
}: {
  initial: string
  knownSpecies: string[]
  busy: boolean
  onSave: (label: string) => Promise<void>
  onCancel: () => void
}) {
  const [value, setValue] = useState(initial)
  const [error, setError] = useState<string | null>(null)
  const id = useId()
  return (
    <form
      className="space-y-1.5"
      onSubmit={async (e) => {
        e.preventDefault()
        const label = value.trim()
        if (!label) return
        setError(null)
        try {
          await onSave(label)
        } catch (err) {
          setError(err instanceof Error ? err.message : 'Could not save')
        }
      }}
    >
      <label htmlFor={id} className="text-xs font-medium text-stone-600">
        Correct species
      </label>
      <div className="flex gap-1.5">
        <input
          id={id}
          list={`${id}-list`}
          className="input h-8 py-1 text-xs"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          // eslint-disable-next-line jsx-a11y/no-autofocus -- the species field the user just asked to edit
          autoFocus
          placeholder="e.g. red fox"
        />
        <datalist id={`${id}-list`}>
          {knownSpecies.map((s) => (
            <option key={s} value={s}>
              {speciesName(s)}
            </option>
          ))}
        </datalist>
        <Button type="submit" size="sm" variant="primary" loading={busy} aria-label="Save species" icon={<Check className="h-3.5 w-3.5" aria-hidden />} />
        <Button size="sm" variant="ghost" onClick={onCancel} aria-label="Cancel correction" icon={<X className="h-3.5 w-3.5" aria-hidden />} />
      </div>
      {error && (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      )}
    </form>
  )
}
