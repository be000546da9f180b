import { useEffect, useRef, useState } from 'react'
import { Link, NavLink, useLocation } from 'react-router'
import { BarChart3, Bell, ChevronDown, Images, LogOut, Map, Menu, Settings, Shield, Upload, X } from 'lucide-react'
import { cn } from '@/components/cn'
import { useResetOnChange } from '@/lib/useResetOnChange'
import { Logo } from '@/components/Logo'
import { useAuth } from '@/features/auth'
import { LiveBadge } from '@/features/live/components/LiveBadge'
import { useProjectContext, useProjectPath } from '@/lib/project'
import { ProjectSwitcher } from './ProjectSwitcher'

interface NavItem {
  to: string
  label: string
  icon: typeof Images
  also?: string[]
}

/** The current project's pages; their paths are filled in with the project. */
const PROJECT_NAV = [
  { to: '/gallery', label: 'Gallery', icon: Images, also: ['/images'] },
  { to: '/map', label: 'Map', icon: Map },
  { to: '/stats', label: 'Statistics', icon: BarChart3 },
  { to: '/alerts', label: 'Alerts', icon: Bell },
  { to: '/upload', label: 'Upload', icon: Upload, analyst: true },
  { to: '/settings', label: 'Project', icon: Settings, also: ['/audit'] },
]

function initials(name: string): string {
  const parts = name.split(/[\s@._-]+/).filter(Boolean)
  return ((parts[0]?.[0] ?? '') + (parts[1]?.[0] ?? '')).toUpperCase() || '?'
}

const ROLE_LABEL = { admin: 'Administrator', analyst: 'Analyst', viewer: 'Viewer' } as const

export function Header() {
  const { user, logout, hasRole } = useAuth()
  const location = useLocation()
  const [menuOpen, setMenuOpen] = useState(false)
  const [userOpen, setUserOpen] = useState(false)
  const userRef = useRef<HTMLDivElement>(null)
  const isAdmin = hasRole('admin')
  const { project } = useProjectContext()
  const to = useProjectPath()
  const canUpload = project?.role === 'admin' || project?.role === 'analyst'
  const projectNav: NavItem[] = project
    ? PROJECT_NAV.filter((item) => !('analyst' in item) || canUpload).map((item) => ({
        to: to(item.to),
        label: item.label,
        icon: item.icon,
        also: item.also?.map((p) => to(p)),
      }))
    : []
  const nav = isAdmin ? [...projectNav, { to: '/admin/users', label: 'Admin', icon: Shield, also: ['/admin'] }] : projectNav

  useResetOnChange(location.pathname, () => {
    setMenuOpen(false)
    setUserOpen(false)
  })

  useEffect(() => {
    if (!userOpen) return
    const close = (e: MouseEvent) => {
      if (!userRef.current?.contains(e.target as Node)) setUserOpen(false)
    }
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && setUserOpen(false)
    document.addEventListener('mousedown', close)
    document.addEventListener('keydown', esc)
    return () => {
      document.removeEventListener('mousedown', close)
      document.removeEventListener('keydown', esc)
    }
  }, [userOpen])

  const isActive = (item: NavItem) =>
    location.pathname.startsWith(item.to) || (item.also ?? []).some((p) => location.pathname.startsWith(p))

  const displayName = user?.full_name || user?.email || ''

  return (
    <header className="sticky top-0 z-[900] border-b border-forest-950/40 bg-forest-900 text-white shadow-sm">
      <div className="mx-auto flex h-14 max-w-[1400px] items-center gap-3 px-4 sm:px-6">
        <button
          type="button"
          className="-ml-1 rounded-lg p-2 text-forest-100 hover:bg-white/10 md:hidden"
          aria-label={menuOpen ? 'Close menu' : 'Open menu'}
          aria-expanded={menuOpen}
          aria-controls="mobile-nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          {menuOpen ? <X className="h-5 w-5" aria-hidden /> : <Menu className="h-5 w-5" aria-hidden />}
        </button>
        <Link to="/gallery" className="hidden shrink-0 rounded-lg sm:block lg:mr-2" aria-label="AddaxAI Connect home">
          <Logo inverted textClassName="hidden xl:inline" />
        </Link>
        <div className="min-w-0 shrink lg:mr-2">
          <ProjectSwitcher />
        </div>
        <nav aria-label="Main" className="hidden items-center gap-1 md:flex">
          {nav.map((item) => (
            <NavLink
              key={item.to}
              to={item.to}
              className={cn(
                'inline-flex items-center gap-2 rounded-lg px-3 py-1.5 text-sm font-medium transition-colors',
                isActive(item) ? 'bg-white/10 text-white' : 'text-forest-100/80 hover:bg-white/5 hover:text-white',
              )}
              aria-current={isActive(item) ? 'page' : undefined}
            >
              <item.icon className="h-4 w-4" aria-hidden />
              {item.label}
            </NavLink>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-2 sm:gap-3">
          <LiveBadge />
          <div ref={userRef} className="relative">
            <button
              type="button"
              onClick={() => setUserOpen((o) => !o)}
              aria-haspopup="menu"
              aria-expanded={userOpen}
              className="flex items-center gap-2 rounded-full py-1 pl-1 pr-2 hover:bg-white/10"
            >
              <span className="sr-only">Account menu for </span>
              <span
                className="flex h-8 w-8 items-center justify-center rounded-full bg-sand-300 text-xs font-bold text-forest-900"
                aria-hidden
              >
                {initials(displayName)}
              </span>
              {/* On phones only the initials show; the name stays in the button's accessible name. */}
              <span className="sr-only text-left leading-tight lg:not-sr-only lg:block">
                <span className="block max-w-[160px] truncate text-sm font-medium">{displayName}</span>
                <span className="block text-[11px] text-forest-200/80">{user ? ROLE_LABEL[user.role] : ''}</span>
              </span>
              <ChevronDown className="hidden h-4 w-4 text-forest-200 lg:block" aria-hidden />
            </button>
            {userOpen && (
              <div role="menu" className="absolute right-0 mt-2 w-64 rounded-xl border border-stone-200 bg-white p-1.5 text-stone-700 shadow-pop">
                <div className="border-b border-stone-100 px-3 pb-2.5 pt-1.5">
                  <p className="truncate text-sm font-semibold text-stone-900">{user?.full_name || 'Signed in'}</p>
                  <p className="truncate text-xs text-stone-500">{user?.email}</p>
                  <p className="mt-1.5 text-[11px] font-medium uppercase tracking-wide text-forest-700">
                    {user ? ROLE_LABEL[user.role] : ''}
                  </p>
                </div>
                <button
                  type="button"
                  role="menuitem"
                  onClick={() => void logout()}
                  className="mt-1 flex w-full items-center gap-2 rounded-lg px-3 py-2 text-sm hover:bg-stone-50"
                >
                  <LogOut className="h-4 w-4 text-stone-500" aria-hidden /> Sign out
                </button>
              </div>
            )}
          </div>
          <button
            type="button"
            onClick={() => void logout()}
            className="hidden items-center gap-1.5 rounded-lg px-2.5 py-1.5 text-sm text-forest-100/80 hover:bg-white/10 hover:text-white 2xl:inline-flex"
          >
            <LogOut className="h-4 w-4" aria-hidden />
            Sign out
          </button>
        </div>
      </div>
      {menuOpen && (
        <nav id="mobile-nav" aria-label="Main" className="border-t border-white/10 px-3 pb-3 pt-2 md:hidden">
          {nav.map((item) => (
            <NavLink
              key={item.to}
              to={item.to}
              className={cn(
                'flex items-center gap-3 rounded-lg px-3 py-2.5 text-sm font-medium',
                isActive(item) ? 'bg-white/10 text-white' : 'text-forest-100/85 hover:bg-white/5',
              )}
            >
              <item.icon className="h-4 w-4" aria-hidden />
              {item.label}
            </NavLink>
          ))}
          <button
            type="button"
            onClick={() => void logout()}
            className="mt-1 flex w-full items-center gap-3 rounded-lg px-3 py-2.5 text-sm font-medium text-forest-100/85 hover:bg-white/5"
          >
            <LogOut className="h-4 w-4" aria-hidden /> Sign out
          </button>
        </nav>
      )}
    </header>
  )
}
