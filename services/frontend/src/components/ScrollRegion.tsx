import type { ReactNode } from 'react'

/**
 * A wide table that scrolls sideways on small screens. The scroll box is focusable and named, so
 * keyboard users can scroll it too (axe: scrollable-region-focusable). `relative` makes it the
 * containing block of absolutely positioned content (the sr-only "Actions" heading): without it that
 * content sits outside the scroll box and makes the whole page scroll sideways on phones.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="relative overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-forest-500/40" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  )
}
