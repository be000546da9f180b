import { useRef, useState, type FormEvent } from 'react'
import { Navigate, useNavigate, useSearchParams } from 'react-router'
import { Camera, LogIn, Map, PawPrint } from 'lucide-react'
import { Button } from '@/components/Button'
import { TextField } from '@/components/Field'
import { Logo, LogoMark } from '@/components/Logo'
import { ApiError } from '@/lib/api/errors'
import { formatWait } from '@/lib/format'
import { useAuth } from '../hooks/useAuth'
import { SplashScreen } from './SplashScreen'

/** Only same-app paths are accepted as `next`, so a crafted link cannot send users elsewhere. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/gallery'
  if (next.startsWith('/login')) return '/gallery'
  return next
}

export function LoginPage() {
  const { state, login } = useAuth()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const passwordRef = useRef<HTMLInputElement>(null)
  const next = safeNext(params.get('next'))

  if (state.status === 'unknown') return <SplashScreen />
  if (state.status === 'authenticated') return <Navigate to={next} replace />

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    setBusy(true)
    try {
      await login(email.trim(), password)
      navigate(next, { replace: true })
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 400 || err.status === 422)) {
        setError('That email and password do not match an active account.')
      } else if (err instanceof ApiError && err.status === 429) {
        const wait = err.retryAfter !== undefined ? formatWait(err.retryAfter) : 'a few minutes'
        setError(`Too many failed attempts. Wait ${wait} and try again.`)
      } else {
        setError(err instanceof Error ? err.message : 'Sign-in failed.')
      }
      // Back to the password, selected, so the next try is typed straight away (the button had focus).
      passwordRef.current?.focus()
      passwordRef.current?.select()
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="flex min-h-screen bg-stone-50">
      <aside className="relative hidden w-[44%] max-w-xl flex-col justify-between overflow-hidden bg-forest-900 p-10 text-white lg:flex">
        <div
          aria-hidden
          className="pointer-events-none absolute inset-0 opacity-[0.18]"
          style={{
            backgroundImage:
              'radial-gradient(circle at 20% 20%, #e0cb9d 0, transparent 45%), radial-gradient(circle at 85% 75%, #63a181 0, transparent 40%)',
          }}
        />
        <svg aria-hidden className="pointer-events-none absolute -bottom-10 left-0 right-0 w-full text-forest-950/60" viewBox="0 0 600 200" preserveAspectRatio="none">
          <path d="M0 140 C 80 100, 160 160, 240 120 S 400 80, 480 120 S 560 150, 600 130 L600 200 L0 200Z" fill="currentColor" />
          <path d="M0 170 C 100 140, 200 190, 300 160 S 500 140, 600 165 L600 200 L0 200Z" fill="#0e201a" opacity="0.7" />
        </svg>
        <Logo inverted className="relative" />
        <div className="relative">
          <h2 className="text-3xl font-semibold leading-tight tracking-tight">
            Every camera trap,
            <br />
            <span className="text-sand-300">one calm workspace.</span>
          </h2>
          <p className="mt-4 max-w-sm text-sm leading-relaxed text-forest-100/80">
            Photos arrive from the field over FTPS, animals are detected and identified automatically, and your team reviews
            them here.
          </p>
          <ul className="mt-8 space-y-3 text-sm text-forest-50/90">
            <li className="flex items-center gap-3">
              <Camera className="h-4 w-4 text-sand-300" aria-hidden /> Live uploads from every site
            </li>
            <li className="flex items-center gap-3">
              <PawPrint className="h-4 w-4 text-sand-300" aria-hidden /> Detections and species you can verify
            </li>
            <li className="flex items-center gap-3">
              <Map className="h-4 w-4 text-sand-300" aria-hidden /> Maps and statistics for your study area
            </li>
          </ul>
        </div>
        <p className="relative text-xs text-forest-200/60">Self-hosted · your data stays on your server</p>
      </aside>

      <main className="flex flex-1 items-center justify-center px-5 py-12">
        <div className="w-full max-w-sm">
          <div className="mb-8 flex flex-col items-center text-center lg:items-start lg:text-left">
            <LogoMark className="mb-5 h-11 w-11 lg:hidden" />
            <h1 className="text-2xl font-semibold tracking-tight text-stone-900">Sign in</h1>
            <p className="mt-1.5 text-sm text-stone-500">Welcome back. Use the account your administrator gave you.</p>
          </div>
          <form onSubmit={onSubmit} className="space-y-4" noValidate aria-describedby={error ? 'login-error' : undefined}>
            <TextField
              label="Email"
              type="email"
              name="email"
              autoComplete="username"
              required
              // eslint-disable-next-line jsx-a11y/no-autofocus -- the sign-in page has one task; the e-mail field is where everyone starts
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              placeholder="you@example.org"
            />
            <TextField
              label="Password"
              type="password"
              name="password"
              autoComplete="current-password"
              ref={passwordRef}
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            {error && (
              <div id="login-error" role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
                {error}
              </div>
            )}
            <Button
              type="submit"
              variant="primary"
              className="w-full"
              loading={busy}
              disabled={!email || !password}
              icon={<LogIn className="h-4 w-4" aria-hidden />}
            >
              Sign in
            </Button>
          </form>
          <p className="mt-8 text-center text-xs text-stone-500 lg:text-left">
            Forgot your password? Ask an administrator to reset it.
          </p>
        </div>
      </main>
    </div>
  )
}
