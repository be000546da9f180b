/**
 * The signed-in session, kept in memory only.
 *
 * The access token lives in a module variable — never localStorage or sessionStorage — so a
 * script injected into the page cannot read it from storage and it disappears with the tab.
 * The refresh token is an httpOnly cookie (`addax_refresh`, Path=/api/auth) that JavaScript
 * cannot see at all; `refreshSession()` trades it for a new access token. Concurrent callers
 * share one refresh request (single flight), because the API rotates the refresh token on use
 * and a second parallel refresh would present an already-used token.
 */
import type { AuthSession, User } from './types'

export type SessionState = { status: 'unknown' } | { status: 'anonymous' } | { status: 'authenticated'; user: User }

let accessToken: string | null = null
let expiresAt = 0
let state: SessionState = { status: 'unknown' }
const listeners = new Set<(state: SessionState) => void>()
let refreshInFlight: Promise<AuthSession | null> | null = null
let refreshTimer: ReturnType<typeof setTimeout> | null = null

export function getAccessToken(): string | null {
  return accessToken
}

export function getSessionState(): SessionState {
  return state
}

export function subscribeSession(listener: (state: SessionState) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

function setState(next: SessionState) {
  state = next
  listeners.forEach((l) => l(next))
}

/** Stores a fresh session from login or refresh and schedules the next silent refresh. */
export function applySession(session: AuthSession): void {
  accessToken = session.access_token
  const lifetime = Math.max(Number(session.expires_in) || 0, 30)
  expiresAt = Date.now() + lifetime * 1000
  if (refreshTimer) clearTimeout(refreshTimer)
  // Refresh a little before expiry so requests rarely meet a 401 at all.
  const lead = Math.min(60, lifetime / 4)
  refreshTimer = setTimeout(() => void refreshSession(), (lifetime - lead) * 1000)
  setState({ status: 'authenticated', user: session.user })
}

/** Updates the user shown in the UI (for example after /api/auth/me). */
export function updateUser(user: User): void {
  if (state.status === 'authenticated') setState({ status: 'authenticated', user })
}

export function clearSession(): void {
  accessToken = null
  expiresAt = 0
  if (refreshTimer) clearTimeout(refreshTimer)
  refreshTimer = null
  setState({ status: 'anonymous' })
}

export function accessTokenExpiresAt(): number {
  return expiresAt
}

/**
 * Trades the refresh cookie for a new access token. Resolves to null (and signs out locally)
 * when the cookie is missing, expired or revoked. Network errors reject, so a flaky connection
 * does not log the user out.
 */
export function refreshSession(): Promise<AuthSession | null> {
  if (!refreshInFlight) {
    refreshInFlight = (async () => {
      try {
        const response = await fetch('/api/auth/refresh', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { Accept: 'application/json' },
        })
        if (!response.ok) {
          await discard(response)
          if (response.status === 401 || response.status === 403 || response.status === 400) clearSession()
          else if (state.status === 'unknown') clearSession()
          return null
        }
        const session = (await response.json()) as AuthSession
        applySession(session)
        return session
      } catch (error) {
        if (state.status === 'unknown') clearSession()
        throw error
      } finally {
        refreshInFlight = null
      }
    })()
  }
  return refreshInFlight
}

/**
 * Reads and drops the body of a response that is not used. Chromium counts a response whose body
 * was never read as a request still in flight (the network never looks idle), and on HTTP/1.1
 * its connection cannot be reused until the body is read.
 */
export async function discard(response: Response): Promise<void> {
  await response.text().catch(() => undefined)
}

/** Back to the state of a fresh page load (tests only). */
export function resetSessionForTests(): void {
  accessToken = null
  expiresAt = 0
  if (refreshTimer) clearTimeout(refreshTimer)
  refreshTimer = null
  refreshInFlight = null
  state = { status: 'unknown' }
}
