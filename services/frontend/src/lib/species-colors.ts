/**
 * One stable colour per species label, used for boxes on the image, chips and charts, so a
 * species looks the same everywhere. Known categories get fixed colours; other labels are
 * hashed into a palette chosen to stay readable on photos (day and infrared night shots).
 */
export const PALETTE = [
  '#f59e0b', // amber
  '#22c55e', // green
  '#06b6d4', // cyan
  '#e11d48', // rose
  '#a855f7', // purple
  '#84cc16', // lime
  '#f97316', // orange
  '#3b82f6', // blue
  '#ec4899', // pink
  '#14b8a6', // teal
  '#eab308', // yellow
  '#8b5cf6', // violet
] as const

const FIXED: Record<string, string> = {
  person: '#ef4444',
  human: '#ef4444',
  vehicle: '#64748b',
  animal: '#f59e0b',
}

export function hashLabel(label: string): number {
  let h = 2166136261
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i)
    h = Math.imul(h, 16777619)
  }
  return h >>> 0
}

export function speciesColor(label?: string | null): string {
  const key = (label ?? 'animal').trim().toLowerCase().replace(/[_-]+/g, ' ')
  return FIXED[key] ?? PALETTE[hashLabel(key) % PALETTE.length]
}

/** "#rrggbb" → [r, g, b]. */
export function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.replace('#', ''), 16)
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255]
}
