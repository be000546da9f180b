import { useId, useMemo, useState, type KeyboardEvent } from 'react'
import { Check, Plus, X } from 'lucide-react'
import { Button } from '@/components/Button'
import { cn } from '@/components/cn'
import { findLabel, hotkeyOf, KIND_NAMES, searchLabels, type Hotkeys, type SpeciesLabel } from '../labels'

const SHOWN = 60

/**
 * Picks a label of the project's species list: type to search (names, display names, aliases), arrows
 * to move, Enter to pick, Escape to cancel. Admins may add what they typed as a new label.
 */
export function SpeciesPicker({
  labels,
  hotkeys,
  label = 'Correct species',
  initial = '',
  busy,
  canAdd,
  onPick,
  onAdd,
  onCancel,
  cancelLabel = 'Cancel correction',
  compact,
}: {
  labels: SpeciesLabel[]
  hotkeys?: Hotkeys
  label?: string
  initial?: string
  busy?: boolean
  canAdd?: boolean
  onPick: (label: string) => Promise<unknown> | void
  onAdd?: (label: string) => Promise<unknown>
  onCancel?: () => void
  cancelLabel?: string
  compact?: boolean
}) {
  const [query, setQuery] = useState(initial)
  const [touched, setTouched] = useState(false)
  const [active, setActive] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const id = useId()
  // Until the user types, the current label is shown but the whole list is offered.
  const matches = useMemo(() => searchLabels(labels, touched ? query : '', SHOWN), [labels, query, touched])
  const typed = query.trim()
  const offerAdd = Boolean(canAdd && onAdd && touched && typed && !findLabel(labels, typed))
  const count = matches.length + (offerAdd ? 1 : 0)
  const current = Math.min(active, Math.max(0, count - 1))

  const run = async (action: () => Promise<unknown> | void) => {
    setError(null)
    try {
      await action()
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Could not save')
    }
  }
  const pick = (item: SpeciesLabel) => run(() => onPick(item.label))
  const add = () =>
    run(async () => {
      await onAdd?.(typed)
      await onPick(typed)
    })
  const choose = (index: number) => {
    if (index < matches.length) void pick(matches[index])
    else if (offerAdd) void add()
  }
  const submit = () => {
    const exact = findLabel(labels, typed)
    if (exact) return void pick(exact)
    if (touched && count > 0) return choose(current)
    setError(typed ? `“${typed}” is not in the species list` : 'Pick a species from the list')
  }

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault()
      setTouched(true)
      setActive(Math.min(current + 1, count - 1))
    } else if (e.key === 'ArrowUp') {
      e.preventDefault()
      setActive(Math.max(current - 1, 0))
    } else if (e.key === 'Enter') {
      e.preventDefault()
      if (touched && count > 0) choose(current)
      else submit()
    } else if (e.key === 'Escape' && onCancel) {
      e.preventDefault()
      e.stopPropagation()
      onCancel()
    }
  }
  const optionId = (i: number) => `${id}-opt-${i}`

  return (
    <div className="space-y-1.5" data-testid="species-picker">
      <label htmlFor={id} className="text-xs font-medium text-stone-600">
        {label}
      </label>
      <div className="flex gap-1.5">
        <input
          id={id}
          role="combobox"
          aria-expanded={count > 0}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={count > 0 ? optionId(current) : undefined}
          className="input h-8 py-1 text-xs"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value)
            setTouched(true)
            setActive(0)
          }}
          onKeyDown={onKeyDown}
          // eslint-disable-next-line jsx-a11y/no-autofocus -- the species field the user just asked to edit
          autoFocus
          autoComplete="off"
          placeholder="Search species, e.g. fox"
        />
        <Button
          size="sm"
          variant="primary"
          loading={busy}
          onClick={submit}
          aria-label="Save species"
          icon={<Check className="h-3.5 w-3.5" aria-hidden />}
        />
        {onCancel && <Button size="sm" variant="ghost" onClick={onCancel} aria-label={cancelLabel} icon={<X className="h-3.5 w-3.5" aria-hidden />} />}
      </div>
      <ul
        id={`${id}-list`}
        role="listbox"
        aria-label="Matching labels"
        className={cn('overflow-y-auto rounded-md border border-stone-200 bg-white text-xs shadow-sm', compact ? 'max-h-40' : 'max-h-56')}
      >
        {matches.map((item, i) => {
          const key = hotkeys ? hotkeyOf(hotkeys, item.label) : null
          const selected = i === current
          return (
            // Keys act through the combobox input (aria-activedescendant); the mouse picks here.
            // eslint-disable-next-line jsx-a11y/click-events-have-key-events
            <li
              key={item.label}
              id={optionId(i)}
              role="option"
              aria-selected={selected}
              data-label={item.label}
              // The input keeps focus; the mouse picks without blurring it first.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => void pick(item)}
              onMouseEnter={() => setActive(i)}
              className={cn('flex cursor-pointer items-center gap-2 px-2.5 py-1.5', selected ? 'bg-forest-50 text-forest-900' : 'text-stone-700')}
            >
              <span className="min-w-0 flex-1 truncate">{item.display}</span>
              {i === 0 || matches[i - 1].kind !== item.kind ? (
                <span className="shrink-0 text-[10px] uppercase tracking-wide text-stone-600">{KIND_NAMES[item.kind]}</span>
              ) : null}
              {key && <kbd className="shrink-0 rounded bg-stone-100 px-1 font-mono text-[10px] text-stone-600">{key}</kbd>}
            </li>
          )
        })}
        {offerAdd && (
          // eslint-disable-next-line jsx-a11y/click-events-have-key-events -- keys act through the input
          <li
            id={optionId(matches.length)}
            role="option"
            aria-selected={current === matches.length}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => void add()}
            onMouseEnter={() => setActive(matches.length)}
            className={cn(
              'flex cursor-pointer items-center gap-1.5 border-t border-stone-100 px-2.5 py-1.5 font-medium text-forest-800',
              current === matches.length && 'bg-forest-50',
            )}
          >
            <Plus className="h-3 w-3" aria-hidden /> Add “{typed}” to the species list
          </li>
        )}
        {count === 0 && (
          <li role="option" aria-selected={false} aria-disabled className="px-2.5 py-1.5 text-stone-500">
            No label matches “{typed}”{canAdd ? '' : ' (a project admin can add it)'}
          </li>
        )}
      </ul>
      {error && (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  )
}
