import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react'
import { Check, ChevronDown, Search } from 'lucide-react'
import { cn } from './cn'

export interface Option<V extends string | number> {
  value: V
  label: string
  hint?: ReactNode
  disabled?: boolean
}

/** A labelled dropdown of checkboxes; the list gets a search box once it is long. */
export function MultiSelect<V extends string | number>({
  label,
  options,
  value,
  onChange,
  placeholder = 'Any',
  className,
  loading,
  error,
}: {
  label: string
  options: Option<V>[]
  value: V[]
  onChange: (value: V[]) => void
  placeholder?: string
  className?: string
  loading?: boolean
  /** A problem with the choice (the server's 422), shown under the button. */
  error?: string
}) {
  const [open, setOpen] = useState(false)
  const [query, setQuery] = useState('')
  const rootRef = useRef<HTMLDivElement>(null)
  const labelId = useId()
  const listId = useId()

  useEffect(() => {
    if (!open) return
    const onDown = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false)
    }
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation()
        setOpen(false)
      }
    }
    document.addEventListener('mousedown', onDown)
    document.addEventListener('keydown', onKey, true)
    return () => {
      document.removeEventListener('mousedown', onDown)
      document.removeEventListener('keydown', onKey, true)
    }
  }, [open])

  const filtered = useMemo(() => {
    const q = query.trim().toLowerCase()
    return q ? options.filter((o) => o.label.toLowerCase().includes(q)) : options
  }, [options, query])

  const selectedLabels = options.filter((o) => value.includes(o.value)).map((o) => o.label)
  const summary =
    selectedLabels.length === 0
      ? placeholder
      : selectedLabels.length <= 2
        ? selectedLabels.join(', ')
        : `${selectedLabels.length} selected`

  const toggle = (v: V) => onChange(value.includes(v) ? value.filter((x) => x !== v) : [...value, v])

  return (
    <div ref={rootRef} className={cn('relative', className)}>
      <span id={labelId} className="field-label">
        {label}
      </span>
      <button
        type="button"
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        aria-labelledby={`${labelId} ${labelId}-value`}
        aria-describedby={error ? `${labelId}-error` : undefined}
        onClick={() => setOpen((o) => !o)}
        className={cn(
          'input flex items-center justify-between gap-2 text-left',
          selectedLabels.length === 0 && 'text-stone-500',
          error && 'border-red-400',
        )}
      >
        <span id={`${labelId}-value`} className="truncate">
          {summary}
        </span>
        <ChevronDown className={cn('h-4 w-4 shrink-0 text-stone-500 transition-transform', open && 'rotate-180')} aria-hidden />
      </button>
      {error && (
        <p id={`${labelId}-error`} className="mt-1 text-xs text-red-700">
          {error}
        </p>
      )}
      {open && (
        <div className="absolute left-0 right-0 z-30 mt-1 rounded-lg border border-stone-200 bg-white p-1 shadow-pop">
          {options.length > 7 && (
            <div className="relative m-1">
              <Search className="pointer-events-none absolute left-2.5 top-2.5 h-4 w-4 text-stone-500" aria-hidden />
              <input
                // eslint-disable-next-line jsx-a11y/no-autofocus -- the search box of a list the user just opened: typing filters it at once (WAI-ARIA combobox pattern)
                autoFocus
                className="input py-1.5 pl-8"
                placeholder={`Search ${label.toLowerCase()}…`}
                aria-label={`Search ${label.toLowerCase()}`}
                value={query}
                onChange={(e) => setQuery(e.target.value)}
              />
            </div>
          )}
          <ul id={listId} role="listbox" aria-multiselectable="true" aria-labelledby={labelId} className="max-h-64 overflow-y-auto py-1">
            {loading && <li className="px-3 py-2 text-sm text-stone-500">Loading…</li>}
            {!loading && filtered.length === 0 && <li className="px-3 py-2 text-sm text-stone-500">No matches</li>}
            {filtered.map((option) => {
              const selected = value.includes(option.value)
              return (
                <li key={String(option.value)} role="option" aria-selected={selected}>
                  <label
                    className={cn(
                      'flex cursor-pointer items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm hover:bg-stone-50',
                      option.disabled && 'cursor-not-allowed opacity-50',
                    )}
                  >
                    <input
                      type="checkbox"
                      className="peer sr-only"
                      checked={selected}
                      disabled={option.disabled}
                      onChange={() => toggle(option.value)}
                    />
                    <span
                      className={cn(
                        'flex h-4 w-4 shrink-0 items-center justify-center rounded border peer-focus-visible:ring-2 peer-focus-visible:ring-forest-500',
                        selected ? 'border-forest-700 bg-forest-700 text-white' : 'border-stone-300 bg-white',
                      )}
                      aria-hidden
                    >
                      {selected && <Check className="h-3 w-3" strokeWidth={3} />}
                    </span>
                    <span className="min-w-0 flex-1 truncate text-stone-700">{option.label}</span>
                    {option.hint !== undefined && <span className="text-xs tabular-nums text-stone-500">{option.hint}</span>}
                  </label>
                </li>
              )
            })}
          </ul>
          {value.length > 0 && (
            <div className="border-t border-stone-100 p-1">
              <button
                type="button"
                className="w-full rounded-md px-2.5 py-1.5 text-left text-xs font-medium text-stone-500 hover:bg-stone-50 hover:text-stone-800"
                onClick={() => onChange([])}
              >
                Clear selection
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  )
}
