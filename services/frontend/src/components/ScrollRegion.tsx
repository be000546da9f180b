import type { ReactNode } from 'react'

/**
 * A wide table that scrolls sideways on small screens. The scroll box is focusable and named, so
 * keyboard users can scroll it too (axe: scrollable-region-focusable).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-forest-500/40" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  )
}
