import type { ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router'
import { ShieldAlert } from 'lucide-react'
import { EmptyState } from '@/components/States'
import type { Role } from '@/lib/api/types'
import { useAuth } from '../hooks/useAuth'
import { SplashScreen } from './SplashScreen'

/** Renders its children for a signed-in user; sends everyone else to the login page and back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useAuth()
  const location = useLocation()
  if (state.status === 'unknown') return <SplashScreen />
  if (state.status === 'anonymous') {
    const next = location.pathname + location.search
    return <Navigate to={next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login'} replace />
  }
  return <>{children}</>
}

export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { hasRole } = useAuth()
  if (!hasRole(...roles)) {
    return (
      <EmptyState
        icon={<ShieldAlert className="h-6 w-6" aria-hidden />}
        title="Admins only"
        description="This page is for administrators. Ask an admin of your organisation if you need access."
      />
    )
  }
  return <>{children}</>
}
