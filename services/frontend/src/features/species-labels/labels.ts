/**
 * The species list a correction picks from (GET /species-labels), searched as a reviewer types, and
 * the per-user hotkeys 1–9 that set a species with one key.
 */

export type LabelKind = 'special' | 'species' | 'group' | 'custom'

export interface SpeciesLabel {
  label: string
  display: string
  kind: LabelKind
  aliases?: string[]
}

export const KIND_NAMES: Record<LabelKind, string> = {
  special: 'No animal / not an animal',
  species: 'Species',
  group: 'Groups',
  custom: 'Added by admins',
}

/** Lower case, single spaces, no accents: how labels and queries compare. */
export function normalizeLabel(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .join(' ')
}

function matchRank(item: SpeciesLabel, query: string): number | null {
  const names = [item.label, normalizeLabel(item.display), ...(item.aliases ?? []).map(normalizeLabel)]
  if (names.some((n) => n === query)) return 0
  if (names.some((n) => n.startsWith(query))) return 1
  // A word of the name starts with the query ("fox" finds "red fox").
  if (names.some((n) => n.split(/[\s/-]+/).some((w) => w.startsWith(query)))) return 2
  if (names.some((n) => n.includes(query))) return 3
  return null
}

/**
 * The labels matching `query`, best first: exact name, then names starting with it, then a word
 * starting with it, then containing it; the list's order within each rank (specials first). An
 * empty query returns the whole list.
 */
export function searchLabels(labels: SpeciesLabel[], query: string, limit = Infinity): SpeciesLabel[] {
  const q = normalizeLabel(query)
  if (!q) return labels.slice(0, limit)
  const ranked: { item: SpeciesLabel; rank: number; index: number }[] = []
  labels.forEach((item, index) => {
    const rank = matchRank(item, q)
    if (rank != null) ranked.push({ item, rank, index })
  })
  ranked.sort((a, b) => a.rank - b.rank || a.index - b.index)
  return ranked.slice(0, limit).map((r) => r.item)
}

/** Whether `text` names a label of the list exactly (label, display name or alias). */
export function findLabel(labels: SpeciesLabel[], text: string): SpeciesLabel | undefined {
  const q = normalizeLabel(text)
  return labels.find((l) => matchRank(l, q) === 0)
}

// --- hotkeys ---------------------------------------------------------------------------------

/** Nine slots: hotkeys[0] is key 1. A slot holds a label or null. */
export type Hotkeys = (string | null)[]

export const HOTKEY_SLOTS = 9

export function emptyHotkeys(): Hotkeys {
  return Array.from({ length: HOTKEY_SLOTS }, () => null)
}

/** Hotkeys read back from storage: anything malformed becomes empty slots, never an error. */
export function parseHotkeys(raw: string | null | undefined): Hotkeys {
  const slots = emptyHotkeys()
  if (!raw) return slots
  try {
    const value: unknown = JSON.parse(raw)
    if (!Array.isArray(value)) return slots
    value.slice(0, HOTKEY_SLOTS).forEach((v, i) => {
      if (typeof v === 'string' && v.trim()) slots[i] = normalizeLabel(v)
    })
  } catch {
    return slots
  }
  return dedupe(slots)
}

function dedupe(slots: Hotkeys): Hotkeys {
  const seen = new Set<string>()
  return slots.map((s) => {
    if (s == null || seen.has(s)) return null
    seen.add(s)
    return s
  })
}

/** Puts `label` on key `slot` (0-based); a label is on one key only, so it leaves its old key. */
export function assignHotkey(hotkeys: Hotkeys, slot: number, label: string | null): Hotkeys {
  if (slot < 0 || slot >= HOTKEY_SLOTS) return hotkeys
  const value = label ? normalizeLabel(label) : null
  const next = hotkeys.slice(0, HOTKEY_SLOTS).map((s) => (value != null && s === value ? null : s))
  while (next.length < HOTKEY_SLOTS) next.push(null)
  next[slot] = value
  return next
}

/** The key ("1"–"9") a label sits on, or null. */
export function hotkeyOf(hotkeys: Hotkeys, label: string | null | undefined): string | null {
  if (!label) return null
  const i = hotkeys.indexOf(normalizeLabel(label))
  return i >= 0 ? String(i + 1) : null
}

type KeyLike = { key: string; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean; code?: string }

/** The label a key press sets: digits 1–9 without modifiers, on a slot that holds a label. */
export function labelForKey(hotkeys: Hotkeys, event: KeyLike): string | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null
  if (!/^[1-9]$/.test(event.key)) return null
  return hotkeys[Number(event.key) - 1] ?? null
}

/**
 * First-time hotkeys: the species this project sees most (its own counts), so keys 1–9 are useful
 * before a reviewer configures anything. Only labels of the list are used.
 */
export function defaultHotkeys(labels: SpeciesLabel[], mostSeen: string[]): Hotkeys {
  const listed = new Set(labels.map((l) => l.label))
  let slots = emptyHotkeys()
  let slot = 0
  for (const label of mostSeen.map(normalizeLabel)) {
    if (slot >= HOTKEY_SLOTS) break
    if (listed.has(label) && !slots.includes(label)) slots = assignHotkey(slots, slot++, label)
  }
  return slots
}
