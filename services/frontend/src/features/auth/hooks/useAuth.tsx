import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api/client'
import {
  applySession,
  clearSession,
  getSessionState,
  refreshSession,
  subscribeSession,
  type SessionState,
} from '@/lib/api/session'
import type { Role, User } from '@/lib/api/types'

interface AuthContextValue {
  state: SessionState
  user: User | null
  login: (email: string, password: string) => Promise<User>
  logout: () => Promise<void>
  hasRole: (...roles: Role[]) => boolean
}

const AuthContext = createContext<AuthContextValue | null>(null)

/**
 * Holds who is signed in. On start it tries a silent refresh through the httpOnly cookie, so a
 * reload or a new tab stays signed in without the access token ever touching storage.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>(getSessionState)
  const queryClient = useQueryClient()

  useEffect(() => {
    const unsubscribe = subscribeSession(setState)
    if (getSessionState().status === 'unknown') {
      refreshSession().catch(() => {
        /* offline: the session state is already anonymous */
      })
    }
    return unsubscribe
  }, [])

  const login = useCallback(async (email: string, password: string) => {
    const session = await unwrap(api.POST('/api/auth/login', { body: { email, password } }))
    applySession(session)
    return session.user
  }, [])

  const logout = useCallback(async () => {
    try {
      await api.POST('/api/auth/logout')
    } catch {
      /* signing out locally is what matters */
    }
    clearSession()
    queryClient.clear()
  }, [queryClient])

  const value = useMemo<AuthContextValue>(() => {
    const user = state.status === 'authenticated' ? state.user : null
    return {
      state,
      user,
      login,
      logout,
      hasRole: (...roles: Role[]) => !!user && roles.includes(user.role),
    }
  }, [state, login, logout])

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext)
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>')
  return ctx
}

/** Analysts and admins may review images and correct species. */
export function useCanReview(): boolean {
  return useAuth().hasRole('admin', 'analyst')
}
