import type { ReactNode } from 'react'
import { Card } from './Card'
import { ScrollRegion } from './ScrollRegion'
import { Skeleton } from './Skeleton'
import { EmptyState, ErrorState } from './States'
import { cn } from './cn'

/** A column heading: its text, or its text plus classes for the `<th>` (e.g. a fixed width). */
export type DataTableHeading = string | { label: string; className?: string }

/** What DataTable needs from a TanStack query to show its error and loading states. */
export interface DataTableQuery {
  isError: boolean
  isLoading: boolean
  error: unknown
  refetch: () => unknown
  data?: unknown
}

/** What an empty table shows instead of rows: EmptyState's content. */
export type DataTableEmpty = Omit<Parameters<typeof EmptyState>[0], 'className' | 'headingLevel'>

/**
 * The admin pages' table: on a failed query an ErrorState with a retry button; otherwise a card
 * whose table scrolls sideways on phones (a focusable region), headed columns, skeleton rows while
 * loading and, unless `actions` is false, a last, visually unlabelled actions column.
 * `errorTitle` heads the error (default "Could not load the <label in lower case>").
 * `tableClassName` sets the width below which it scrolls (default `min-w-[760px]`); `empty` is shown
 * under the headings once the query has loaded an empty list; `footer` (pagination) sits inside the
 * card under the table.
 */
export function DataTable({
  label,
  headings,
  query,
  errorTitle = `Could not load the ${label.toLowerCase()}`,
  actions = true,
  loadingRows = 1,
  skeletonClassName = 'h-8',
  tableClassName = 'min-w-[760px]',
  empty,
  footer,
  children,
}: {
  label: string
  headings: DataTableHeading[]
  query: DataTableQuery
  errorTitle?: string
  actions?: boolean
  loadingRows?: number
  skeletonClassName?: string
  tableClassName?: string
  empty?: DataTableEmpty
  footer?: ReactNode
  children: ReactNode
}) {
  if (query.isError) {
    return <ErrorState title={errorTitle} error={query.error} onRetry={() => void query.refetch()} />
  }
  const columns = headings.length + (actions ? 1 : 0)
  return (
    <Card className="overflow-hidden">
      <ScrollRegion label={`${label} table`}>
        <table className={cn('w-full', tableClassName)} aria-label={label}>
          <thead className="bg-stone-50/80">
            <tr>
              {headings.map((h) => {
                const { label: text, className } = typeof h === 'string' ? { label: h, className: undefined } : h
                return (
                  <th key={text} className={cn('table-head', className)}>
                    {text}
                  </th>
                )
              })}
              {actions && (
                <th className="table-head text-right">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {query.isLoading &&
              Array.from({ length: loadingRows }, (_, i) => (
                <tr key={i}>
                  <td className="table-cell" colSpan={columns}>
                    <Skeleton className={cn(skeletonClassName, 'w-full')} />
                  </td>
                </tr>
              ))}
            {children}
          </tbody>
        </table>
      </ScrollRegion>
      {empty && Array.isArray(query.data) && query.data.length === 0 && <EmptyState className="m-4" {...empty} />}
      {footer}
    </Card>
  )
}
