import type { ReactNode } from 'react'
import { AlertTriangle, RotateCw } from 'lucide-react'
import { Button } from './Button'
import { Spinner } from './Spinner'
import { cn } from './cn'

export function EmptyState({
  icon,
  title,
  description,
  action,
  className,
  headingLevel = 3,
}: {
  icon?: ReactNode
  title: ReactNode
  description?: ReactNode
  action?: ReactNode
  className?: string
  /** 1 when the state is the whole page (the 404), so the page still has its main heading. */
  headingLevel?: 1 | 2 | 3
}) {
  const Heading = `h${headingLevel}` as const
  return (
    <div
      className={cn(
        'flex flex-col items-center justify-center rounded-xl border border-dashed border-stone-300 bg-white/60 px-6 py-14 text-center',
        className,
      )}
    >
      {icon && (
        <div className="mb-4 flex h-12 w-12 items-center justify-center rounded-full bg-sand-100 text-sand-700">{icon}</div>
      )}
      <Heading className="text-base font-semibold text-stone-900">{title}</Heading>
      {description && <p className="mt-1.5 max-w-md text-sm text-stone-500">{description}</p>}
      {action && <div className="mt-5">{action}</div>}
    </div>
  )
}

export function ErrorState({
  title = 'Something went wrong',
  error,
  onRetry,
  className,
}: {
  title?: ReactNode
  error?: unknown
  onRetry?: () => void
  className?: string
}) {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : undefined
  return (
    <div
      role="alert"
      className={cn(
        'flex flex-col items-center justify-center rounded-xl border border-red-200 bg-red-50/60 px-6 py-12 text-center',
        className,
      )}
    >
      <div className="mb-3 flex h-11 w-11 items-center justify-center rounded-full bg-red-100 text-red-700">
        <AlertTriangle className="h-5 w-5" aria-hidden />
      </div>
      <h3 className="text-base font-semibold text-red-900">{title}</h3>
      {message && <p className="mt-1 max-w-md text-sm text-red-800/80">{message}</p>}
      {onRetry && (
        <Button className="mt-4" onClick={onRetry} icon={<RotateCw className="h-4 w-4" aria-hidden />}>
          Try again
        </Button>
      )}
    </div>
  )
}

export function LoadingState({ label = 'Loading…', className }: { label?: string; className?: string }) {
  return (
    <div className={cn('flex items-center justify-center gap-3 py-16 text-sm text-stone-500', className)}>
      <Spinner className="h-5 w-5 text-forest-600" />
      <span role="status">{label}</span>
    </div>
  )
}
