import { CalendarX2 } from 'lucide-react'
import { cn } from './cn'

/** Marks an image whose photo carries no capture time (the time next to it is the upload time). */
export function CaptureTimeUnknownBadge({ description, className }: { description: string; className?: string }) {
  return (
    <span
      data-testid="capture-time-unknown"
      title={description}
      className={cn(
        'inline-flex items-center gap-1 whitespace-nowrap rounded-md bg-amber-100 px-1.5 py-0.5 text-[11px] font-semibold text-amber-900 ring-1 ring-inset ring-amber-300',
        className,
      )}
    >
      <CalendarX2 className="h-3 w-3" aria-hidden />
      Time unknown
      <span className="sr-only"> ({description})</span>
    </span>
  )
}
