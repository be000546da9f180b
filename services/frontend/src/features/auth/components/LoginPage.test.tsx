import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { clearSession, resetSessionForTests } from '@/lib/api/session'
import { AuthProvider } from '../hooks/useAuth'
import { RequireAuth } from './RequireAuth'
import { LoginPage, safeNext } from './LoginPage'

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
const user = { id: 1, email: 'ana@example.org', full_name: 'Ana', role: 'analyst', is_active: true, created_at: '', last_login_at: null }

async function renderApp(path: string) {
  const router = createMemoryRouter(
    [
      { path: '/login', element: <LoginPage /> },
      {
        path: '/gallery',
        element: (
          <RequireAuth>
            <p>Gallery for signed-in users</p>
          </RequireAuth>
        ),
      },
    ],
    { initialEntries: [path] },
  )
  // The silent refresh on start resolves asynchronously; let it settle inside act().
  await act(async () => {
    render(
      <QueryClientProvider client={new QueryClient()}>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </QueryClientProvider>,
    )
  })
  return router
}

let fetchMock: ReturnType<typeof vi.fn>
beforeEach(() => {
  // Module state from earlier tests: start every test as a fresh page load.
  resetSessionForTests()
  fetchMock = vi.fn()
  vi.stubGlobal('fetch', fetchMock)
})
afterEach(() => {
  cleanup() // unmount before the session changes, so no provider updates after the test
  vi.unstubAllGlobals()
  clearSession()
})

const path = (input: unknown) => (input instanceof Request ? new URL(input.url).pathname : String(input))

describe('login flow', () => {
  it('sends an anonymous visitor to the login page, then back where they wanted to go', async () => {
    fetchMock.mockImplementation(async (input: unknown, init?: RequestInit) => {
      if (path(input) === '/api/auth/refresh') return json(401, { detail: 'no session' })
      if (path(input) === '/api/auth/login') {
        const body = JSON.parse(await (input as Request).text())
        return body.password === 'right-password'
          ? json(200, { access_token: 'tok', token_type: 'bearer', expires_in: 900, user })
          : json(401, { detail: 'Invalid email or password' })
      }
      void init
      return json(404, {})
    })
    const router = await renderApp('/gallery')
    await screen.findByRole('heading', { name: 'Sign in' })
    expect(router.state.location.pathname).toBe('/login')
    expect(router.state.location.search).toBe('?next=%2Fgallery')

    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ana@example.org' } })
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'wrong' } })
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign in' })))
    expect(await screen.findByRole('alert')).toHaveTextContent('do not match')

    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'right-password' } })
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign in' })))
    await screen.findByText('Gallery for signed-in users')
    expect(router.state.location.pathname).toBe('/gallery')
    expect(localStorage.length + sessionStorage.length).toBe(0)
  })
})

describe('failed sign-in', () => {
  it('tells the real wait from Retry-After and puts the focus back on the password', async () => {
    let answer = json(401, { detail: 'invalid e-mail or password' })
    fetchMock.mockImplementation(async (input: unknown) => {
      if (path(input) === '/api/auth/refresh') return json(401, { detail: 'no session' })
      if (path(input) === '/api/auth/login') return answer
      return json(404, {})
    })
    await renderApp('/login')
    await screen.findByRole('heading', { name: 'Sign in' })
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ana@example.org' } })
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'wrong' } })
    const submit = screen.getByRole('button', { name: 'Sign in' })
    submit.focus()
    await act(async () => fireEvent.click(submit))
    expect(await screen.findByRole('alert')).toHaveTextContent('do not match')
    expect(document.activeElement).toBe(screen.getByLabelText('Password'))

    answer = new Response(JSON.stringify({ detail: 'too many failed logins; try again later' }), {
      status: 429,
      headers: { 'Content-Type': 'application/json', 'Retry-After': '840' },
    })
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign in' })))
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many failed attempts. Wait 14 minutes and try again.')
    expect(document.activeElement).toBe(screen.getByLabelText('Password'))

    answer = new Response('{"detail":"too many"}', { status: 429, headers: { 'Content-Type': 'application/json', 'Retry-After': '1' } })
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign in' })))
    expect(await screen.findByRole('alert')).toHaveTextContent('Wait 1 second and try again.')
  })
})

describe('safeNext', () => {
  it('only follows same-app paths after login', () => {
    expect(safeNext('/images/abc?species=wolf')).toBe('/images/abc?species=wolf')
    expect(safeNext('https://evil.example')).toBe('/gallery')
    expect(safeNext('//evil.example/x')).toBe('/gallery')
    expect(safeNext('/\\evil.example')).toBe('/gallery')
    expect(safeNext('/login')).toBe('/gallery')
    expect(safeNext(null)).toBe('/gallery')
  })
})

describe('silent refresh on start', () => {
  it('a reload with a valid refresh cookie goes straight in', async () => {
    fetchMock.mockImplementation(async (input: unknown) =>
      path(input) === '/api/auth/refresh'
        ? json(200, { access_token: 'tok', token_type: 'bearer', expires_in: 900, user })
        : json(404, {}),
    )
    await renderApp('/gallery')
    await screen.findByText('Gallery for signed-in users')
    expect(fetchMock.mock.calls.some((c) => path(c[0]) === '/api/auth/refresh')).toBe(true)
  })
})
