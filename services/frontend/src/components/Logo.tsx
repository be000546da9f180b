import { cn } from './cn'

/** The AddaxAI Connect mark: an addax head (two long spiral horns) in a rounded tile. */
export function LogoMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={cn('h-8 w-8', className)} aria-hidden>
      <rect width="32" height="32" rx="8" fill="#214537" />
      <path d="M9.5 23.5c1.4-4.6 3.7-7.4 6.5-7.4s5.1 2.8 6.5 7.4" fill="none" stroke="#e0cb9d" strokeWidth="2.3" strokeLinecap="round" />
      <path d="M12.4 15.8c-.5-2.6-1.6-5.1-3.4-7.3M19.6 15.8c.5-2.6 1.6-5.1 3.4-7.3" fill="none" stroke="#e0cb9d" strokeWidth="2" strokeLinecap="round" />
      <circle cx="16" cy="20" r="1.5" fill="#e0cb9d" />
    </svg>
  )
}

/** `textClassName` lets a crowded header hide the words on narrow screens (the mark stays). */
export function Logo({ className, inverted, textClassName }: { className?: string; inverted?: boolean; textClassName?: string }) {
  return (
    <span className={cn('inline-flex items-center gap-2.5', className)}>
      <LogoMark className="h-8 w-8" />
      <span className={cn('text-[15px] font-semibold tracking-tight', inverted ? 'text-white' : 'text-forest-900', textClassName)}>
        AddaxAI <span className={inverted ? 'font-normal text-sand-300' : 'font-normal text-sand-700'}>Connect</span>
      </span>
    </span>
  )
}
