/** What other features may use of auth: the session hooks. Pages and guards are wired by src/app. */
export { AuthProvider, useAuth, useCanReview } from './hooks/useAuth'
