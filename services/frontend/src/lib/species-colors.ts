/**
 * One colour per species label, used for boxes on the image, chips and charts, so a species
 * looks the same everywhere. Known categories get fixed colours. Species get distinct palette
 * colours in alphabetical order of the deployment's species list (registered once it loads),
 * so two species on the same screen never share a colour while there are palette colours left;
 * a label seen before the list loads falls back to a hash of its name.
 */
import { useSyncExternalStore } from 'react'

// Ordered so that the first colours handed out are the most different from each other, and
// all of them stay readable on daylight and infrared photos and on white charts.
export const PALETTE = [
  '#f59e0b', // amber
  '#06b6d4', // cyan
  '#e11d48', // rose
  '#84cc16', // lime
  '#8b5cf6', // violet
  '#ec4899', // pink
  '#14b8a6', // teal
  '#3b82f6', // blue
  '#a16207', // ochre
  '#22c55e', // green
  '#f97316', // orange
  '#6366f1', // indigo
] as const

const FIXED: Record<string, string> = {
  person: '#ef4444',
  human: '#ef4444',
  vehicle: '#64748b',
  animal: '#f59e0b',
}

const assigned = new Map<string, string>()
let version = 0
const listeners = new Set<() => void>()

export function normalizeLabel(label: string): string {
  return label.trim().toLowerCase().replace(/[_-]+/g, ' ')
}

export function hashLabel(label: string): number {
  let h = 2166136261
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i)
    h = Math.imul(h, 16777619)
  }
  return h >>> 0
}

/** Gives each not-yet-coloured label the next free palette colour (alphabetical order). */
export function registerSpecies(labels: readonly string[]): void {
  let changed = false
  const keys = Array.from(new Set(labels.map(normalizeLabel))).sort()
  for (const key of keys) {
    if (!key || FIXED[key] || assigned.has(key)) continue
    const used = new Set(assigned.values())
    const free = PALETTE.find((c) => !used.has(c))
    assigned.set(key, free ?? PALETTE[hashLabel(key) % PALETTE.length])
    changed = true
  }
  if (changed) {
    version++
    listeners.forEach((l) => l())
  }
}

/** Forgets all registrations (tests). */
export function resetSpeciesColors(): void {
  assigned.clear()
  version++
  listeners.forEach((l) => l())
}

export function speciesColor(label?: string | null): string {
  const key = normalizeLabel(label ?? 'animal')
  return FIXED[key] ?? assigned.get(key) ?? PALETTE[hashLabel(key) % PALETTE.length]
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Re-renders the caller when species colours are (re)assigned; returns a number that changes with them. */
export function useSpeciesColorVersion(): number {
  return useSyncExternalStore(subscribe, () => version)
}

/** "#rrggbb" → [r, g, b]. */
export function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.replace('#', ''), 16)
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255]
}
