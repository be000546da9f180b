import { forwardRef, type ButtonHTMLAttributes, type ReactNode } from 'react'
import { Plus, Trash2 } from 'lucide-react'
import { cn } from './cn'
import { Spinner } from './Spinner'

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger' | 'subtle'
type Size = 'sm' | 'md'

const variants: Record<Variant, string> = {
  primary: 'bg-forest-700 text-white shadow-sm hover:bg-forest-800 active:bg-forest-900 disabled:bg-forest-700/50',
  secondary:
    'border border-stone-300 bg-white text-stone-700 shadow-sm hover:bg-stone-50 hover:border-stone-400 disabled:text-stone-400',
  ghost: 'text-stone-600 hover:bg-stone-100 hover:text-stone-900 disabled:text-stone-400',
  subtle: 'bg-forest-50 text-forest-800 hover:bg-forest-100 disabled:text-forest-800/50',
  danger: 'bg-red-700 text-white shadow-sm hover:bg-red-800 disabled:bg-red-700/50',
}
const sizes: Record<Size, string> = {
  sm: 'h-8 px-2.5 text-xs gap-1.5',
  md: 'h-10 px-4 text-sm gap-2',
}

/** A button's look, for a link that acts as one (a "New rule" that opens a page). */
export function buttonClasses({ variant = 'secondary', size = 'md', className }: { variant?: Variant; size?: Size; className?: string } = {}) {
  return cn(
    'inline-flex shrink-0 items-center justify-center rounded-lg font-medium transition-colors disabled:cursor-not-allowed',
    variants[variant],
    sizes[size],
    className,
  )
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant
  size?: Size
  loading?: boolean
  icon?: ReactNode
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = 'secondary', size = 'md', loading, icon, className, children, disabled, type = 'button', ...rest },
  ref,
) {
  return (
    <button
      ref={ref}
      type={type}
      disabled={disabled || loading}
      className={buttonClasses({ variant, size, className })}
      {...rest}
    >
      {loading ? <Spinner className="h-4 w-4" /> : icon}
      {children}
    </button>
  )
})

/** The red bin at the end of a table row; `label` ("Delete wolves") is its accessible name. */
export function DeleteIconButton({ label, ...rest }: Omit<ButtonProps, 'children' | 'icon'> & { label: string }) {
  return (
    <Button
      size="sm"
      variant="ghost"
      className="text-red-700 hover:bg-red-50 hover:text-red-800"
      aria-label={label}
      icon={<Trash2 className="h-4 w-4" aria-hidden />}
      {...rest}
    />
  )
}

/** The primary "+ New …" / "Add …" button at the top of a list page. */
export function AddButton(props: Omit<ButtonProps, 'icon' | 'variant'>) {
  return <Button variant="primary" icon={<Plus className="h-4 w-4" aria-hidden />} {...props} />
}
