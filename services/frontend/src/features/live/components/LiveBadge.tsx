import { cn } from '@/components/cn'
import { useLiveStatus } from '../hooks/useLiveUpdates'

const LABELS = {
  open: { text: 'Live', title: 'Connected: new images appear as they arrive' },
  connecting: { text: 'Connecting', title: 'Connecting to live updates…' },
  reconnecting: { text: 'Reconnecting', title: 'Live updates interrupted; reconnecting…' },
  closed: { text: 'Offline', title: 'Live updates are off' },
  idle: { text: 'Offline', title: 'Live updates are off' },
} as const

export function LiveBadge({ className }: { className?: string }) {
  const { status } = useLiveStatus()
  const live = status === 'open'
  const label = LABELS[status]
  return (
    <span
      data-testid="live-badge"
      data-status={status}
      role="status"
      title={label.title}
      aria-label={label.title}
      className={cn(
        'inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-semibold ring-1 ring-inset',
        live ? 'bg-forest-500/20 text-forest-100 ring-forest-400/40' : 'bg-white/5 text-stone-300 ring-white/15',
        className,
      )}
    >
      <span className="relative flex h-2 w-2" aria-hidden>
        {live && <span className="absolute inline-flex h-full w-full animate-ping rounded-full bg-emerald-400 opacity-60" />}
        <span className={cn('relative inline-flex h-2 w-2 rounded-full', live ? 'bg-emerald-400' : 'bg-amber-400 animate-pulse-dot')} />
      </span>
      {label.text}
    </span>
  )
}
