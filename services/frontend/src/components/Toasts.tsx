import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { Link } from 'react-router'
import { AlertTriangle, BellRing, Camera, CheckCircle2, Info, PawPrint, X } from 'lucide-react'
import { cn } from './cn'

export type ToastTone = 'info' | 'success' | 'error' | 'species' | 'camera' | 'alert'

export interface ToastInput {
  title: string
  description?: string
  tone?: ToastTone
  link?: { to: string; label: string }
  /** A button in the toast (e.g. Undo); the toast closes when it is pressed. */
  action?: { label: string; onClick: () => void }
  /** Milliseconds before the toast hides itself; 0 keeps it until dismissed. */
  duration?: number
}

interface Toast extends ToastInput {
  id: number
}

interface ToastApi {
  push: (toast: ToastInput) => number
  dismiss: (id: number) => void
}

const ToastContext = createContext<ToastApi | null>(null)
const MAX_VISIBLE = 4
// A phone keeps the newest two, slimmer, so a burst of live updates does not cover the page.
const MAX_VISIBLE_PHONE = 2

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([])
  const nextId = useRef(1)

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), [])
  const push = useCallback((toast: ToastInput) => {
    const id = nextId.current++
    setToasts((all) => [...all, { ...toast, id }].slice(-MAX_VISIBLE))
    return id
  }, [])
  const api = useMemo(() => ({ push, dismiss }), [push, dismiss])

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div
        aria-live="polite"
        aria-label="Notifications"
        role="region"
        className="pointer-events-none fixed inset-x-0 bottom-0 z-[1100] flex flex-col items-center gap-1.5 p-2 sm:inset-x-auto sm:right-0 sm:items-end sm:gap-2 sm:p-4"
      >
        {toasts.map((toast, i) => (
          <ToastItem
            key={toast.id}
            toast={toast}
            onDismiss={() => dismiss(toast.id)}
            className={i < toasts.length - MAX_VISIBLE_PHONE ? 'max-sm:hidden' : undefined}
          />
        ))}
      </div>
    </ToastContext.Provider>
  )
}

const icons: Record<ToastTone, ReactNode> = {
  info: <Info className="h-4 w-4" aria-hidden />,
  success: <CheckCircle2 className="h-4 w-4" aria-hidden />,
  error: <AlertTriangle className="h-4 w-4" aria-hidden />,
  species: <PawPrint className="h-4 w-4" aria-hidden />,
  camera: <Camera className="h-4 w-4" aria-hidden />,
  alert: <BellRing className="h-4 w-4" aria-hidden />,
}
const iconTones: Record<ToastTone, string> = {
  info: 'bg-sky-100 text-sky-700',
  success: 'bg-forest-100 text-forest-700',
  error: 'bg-red-100 text-red-700',
  species: 'bg-sand-200 text-sand-800',
  camera: 'bg-forest-100 text-forest-700',
  alert: 'bg-amber-100 text-amber-800',
}

function ToastItem({ toast, onDismiss, className }: { toast: Toast; onDismiss: () => void; className?: string }) {
  const tone = toast.tone ?? 'info'
  const duration = toast.duration ?? 7000
  useEffect(() => {
    if (!duration) return
    const timer = window.setTimeout(onDismiss, duration)
    return () => window.clearTimeout(timer)
  }, [duration, onDismiss])
  return (
    <div
      data-testid="toast"
      role={tone === 'error' ? 'alert' : 'status'}
      className={cn(
        'pointer-events-auto flex w-full max-w-sm animate-toast-in items-start gap-2.5 rounded-xl border border-stone-200 bg-white p-2.5 shadow-pop sm:gap-3 sm:p-3.5',
        className,
      )}
    >
      <div className={cn('mt-0.5 flex h-7 w-7 shrink-0 items-center justify-center rounded-full', iconTones[tone])}>
        {icons[tone]}
      </div>
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium text-stone-900">{toast.title}</p>
        {toast.description && <p className="mt-0.5 hidden text-xs text-stone-500 sm:block">{toast.description}</p>}
        {toast.link && (
          <Link
            to={toast.link.to}
            onClick={onDismiss}
            className="mt-1.5 inline-block text-xs font-semibold text-forest-700 hover:text-forest-900 hover:underline"
          >
            {toast.link.label}
          </Link>
        )}
        {toast.action && (
          <button
            type="button"
            onClick={() => {
              toast.action?.onClick()
              onDismiss()
            }}
            className="mt-1.5 inline-block text-xs font-semibold text-forest-700 hover:text-forest-900 hover:underline"
          >
            {toast.action.label}
          </button>
        )}
      </div>
      <button
        type="button"
        onClick={onDismiss}
        className="rounded-md p-1 text-stone-500 hover:bg-stone-100 hover:text-stone-700"
        aria-label="Dismiss notification"
      >
        <X className="h-4 w-4" aria-hidden />
      </button>
    </div>
  )
}

export function useToast(): ToastApi {
  const ctx = useContext(ToastContext)
  if (!ctx) throw new Error('useToast must be used inside <ToastProvider>')
  return ctx
}
