import type { ReactNode } from 'react'
import { Card } from './Card'
import { ScrollRegion } from './ScrollRegion'
import { cn } from './cn'

/**
 * The admin pages' table: a card whose table scrolls sideways on phones (a focusable region),
 * headed columns and a last, visually unlabelled actions column. `tableClassName` sets the width
 * below which it scrolls (e.g. `min-w-[640px]`).
 */
export function DataTable({
  label,
  headings,
  tableClassName,
  children,
}: {
  label: string
  headings: string[]
  tableClassName?: string
  children: ReactNode
}) {
  return (
    <Card className="overflow-hidden">
      <ScrollRegion label={`${label} table`}>
        <table className={cn('w-full', tableClassName)} aria-label={label}>
          <thead className="bg-stone-50/80">
            <tr>
              {headings.map((h) => (
                <th key={h} className="table-head">
                  {h}
                </th>
              ))}
              <th className="table-head text-right">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">{children}</tbody>
        </table>
      </ScrollRegion>
    </Card>
  )
}
