import { Modal } from '@/components/Modal'
import { Button } from '@/components/Button'
import { HOTKEY_SLOTS, KIND_NAMES, type Hotkeys, type LabelKind, type SpeciesLabel } from '../labels'

const KINDS: LabelKind[] = ['special', 'species', 'group', 'custom']

/** Keys 1–9 → a species each, for this user in this project (kept in this browser). */
export function HotkeySettings({
  open,
  onClose,
  labels,
  hotkeys,
  onAssign,
  onClear,
}: {
  open: boolean
  onClose: () => void
  labels: SpeciesLabel[]
  hotkeys: Hotkeys
  onAssign: (slot: number, label: string | null) => void
  onClear: () => void
}) {
  return (
    <Modal
      open={open}
      onClose={onClose}
      title="Species hotkeys"
      description="Press 1–9 on an image to set the species of the highlighted detection (or of every animal when none is highlighted)."
      size="sm"
      footer={
        <>
          <Button variant="ghost" onClick={onClear}>
            Clear all
          </Button>
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        </>
      }
    >
      <ul className="space-y-2" data-testid="hotkey-settings">
        {Array.from({ length: HOTKEY_SLOTS }, (_, slot) => (
          <li key={slot} className="flex items-center gap-3">
            <kbd className="inline-flex h-7 w-7 shrink-0 items-center justify-center rounded-md border border-stone-300 bg-stone-50 font-mono text-xs font-semibold text-stone-700">
              {slot + 1}
            </kbd>
            <select
              className="input h-8 py-1 text-sm"
              aria-label={`Species on key ${slot + 1}`}
              value={hotkeys[slot] ?? ''}
              onChange={(e) => onAssign(slot, e.target.value || null)}
            >
              <option value="">(none)</option>
              {KINDS.map((kind) => {
                const items = labels.filter((l) => l.kind === kind)
                return items.length ? (
                  <optgroup key={kind} label={KIND_NAMES[kind]}>
                    {items.map((l) => (
                      <option key={l.label} value={l.label}>
                        {l.display}
                      </option>
                    ))}
                  </optgroup>
                ) : null
              })}
            </select>
          </li>
        ))}
      </ul>
    </Modal>
  )
}
