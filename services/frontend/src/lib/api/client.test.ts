import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { api, authFetch, unwrap } from './client'
import { ApiError } from './errors'
import { applySession, clearSession, getAccessToken, getSessionState } from './session'
import type { AuthSession } from './types'

const user = {
  id: 1,
  email: 'ana@example.org',
  full_name: 'Ana',
  role: 'analyst' as const,
  is_active: true,
  created_at: '2026-01-01T00:00:00Z',
  last_login_at: null,
}
const session = (token: string): AuthSession => ({ access_token: token, token_type: 'bearer', expires_in: 900, user })
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

let fetchMock: ReturnType<typeof vi.fn>

beforeEach(() => {
  fetchMock = vi.fn()
  vi.stubGlobal('fetch', fetchMock)
  applySession(session('old-token'))
})
afterEach(() => {
  clearSession()
  vi.unstubAllGlobals()
})

const authHeader = (call: unknown[]) => (call[0] as Request).headers?.get?.('Authorization')
const url = (call: unknown[]) => (call[0] instanceof Request ? new URL(call[0].url).pathname : String(call[0]))

describe('authFetch', () => {
  it('sends the in-memory access token as a Bearer header', async () => {
    fetchMock.mockResolvedValueOnce(json(200, { ok: true }))
    await authFetch(new Request('http://localhost/api/images'))
    expect(authHeader(fetchMock.mock.calls[0])).toBe('Bearer old-token')
  })

  it('never stores the token in web storage', () => {
    expect(getAccessToken()).toBe('old-token')
    expect(JSON.stringify({ ...localStorage })).not.toContain('old-token')
    expect(JSON.stringify({ ...sessionStorage })).not.toContain('old-token')
  })

  it('on 401 refreshes once through the cookie — shared by parallel requests — and retries each once', async () => {
    let refreshes = 0
    fetchMock.mockImplementation(async (input: Request | string) => {
      const path = input instanceof Request ? new URL(input.url).pathname : String(input)
      if (path === '/api/auth/refresh') {
        refreshes++
        await new Promise((r) => setTimeout(r, 10))
        return json(200, session('new-token'))
      }
      const token = (input as Request).headers.get('Authorization')
      return token === 'Bearer new-token' ? json(200, { path }) : json(401, { detail: 'token expired' })
    })
    const results = await Promise.all(
      ['/api/images', '/api/cameras', '/api/species'].map((p) => authFetch(new Request(`http://localhost${p}`))),
    )
    expect(results.map((r) => r.status)).toEqual([200, 200, 200])
    expect(refreshes).toBe(1)
    const refreshCall = fetchMock.mock.calls.find((c) => url(c) === '/api/auth/refresh')!
    expect((refreshCall[1] as RequestInit).credentials).toBe('same-origin')
    expect(getAccessToken()).toBe('new-token')
  })

  it('replays the request body on the retry', async () => {
    fetchMock
      .mockResolvedValueOnce(json(401, { detail: 'expired' }))
      .mockResolvedValueOnce(json(200, session('new-token')))
      .mockResolvedValueOnce(json(200, { ok: true }))
    const res = await authFetch(
      new Request('http://localhost/api/images/x/review', { method: 'POST', body: JSON.stringify({ status: 'approved' }) }),
    )
    expect(res.status).toBe(200)
    const retried = fetchMock.mock.calls[2][0] as Request
    expect(await retried.text()).toBe('{"status":"approved"}')
    expect(retried.headers.get('Authorization')).toBe('Bearer new-token')
  })

  it('signs out when the refresh is refused', async () => {
    fetchMock.mockResolvedValueOnce(json(401, { detail: 'expired' })).mockResolvedValueOnce(json(401, { detail: 'no session' }))
    const res = await authFetch(new Request('http://localhost/api/images'))
    expect(res.status).toBe(401)
    expect(getSessionState().status).toBe('anonymous')
    expect(getAccessToken()).toBeNull()
  })

  it('retries only once: a second 401 is returned as it is', async () => {
    fetchMock
      .mockResolvedValueOnce(json(401, { detail: 'expired' }))
      .mockResolvedValueOnce(json(200, session('new-token')))
      .mockResolvedValueOnce(json(401, { detail: 'still no' }))
    const res = await authFetch(new Request('http://localhost/api/images'))
    expect(res.status).toBe(401)
    expect(fetchMock).toHaveBeenCalledTimes(3)
  })

  it('reads the bodies it does not return: the refused refresh and the 401 replaced by the retry', async () => {
    // An unread body leaves the request open in Chromium (its network never looks idle).
    const refused = [json(401, { detail: 'expired' }), json(401, { detail: 'no session' })]
    fetchMock.mockResolvedValueOnce(refused[0]).mockResolvedValueOnce(refused[1])
    await authFetch(new Request('http://localhost/api/images'))
    expect(refused.map((r) => r.bodyUsed)).toEqual([false, true]) // the first is returned to the caller

    applySession(session('old-token'))
    const replaced = json(401, { detail: 'expired' })
    fetchMock
      .mockResolvedValueOnce(replaced)
      .mockResolvedValueOnce(json(200, session('new-token')))
      .mockResolvedValueOnce(json(200, { ok: true }))
    expect((await authFetch(new Request('http://localhost/api/images'))).status).toBe(200)
    expect(replaced.bodyUsed).toBe(true)
  })

  it('does not try to refresh for the login call itself', async () => {
    fetchMock.mockResolvedValueOnce(json(401, { detail: 'Invalid email or password' }))
    const res = await authFetch(new Request('http://localhost/api/auth/login', { method: 'POST', body: '{}' }))
    expect(res.status).toBe(401)
    expect(fetchMock).toHaveBeenCalledTimes(1)
  })
})

describe('unwrap', () => {
  it('returns data and turns {"detail": …} errors into ApiError with the message', async () => {
    fetchMock.mockResolvedValueOnce(json(200, [{ species: 'wolf', count: 2, image_count: 1 }]))
    await expect(unwrap(api.GET('/api/projects/{slug}/species', { params: { path: { slug: 'default' } } }))).resolves.toEqual([{ species: 'wolf', count: 2, image_count: 1 }])
    fetchMock.mockResolvedValueOnce(json(403, { detail: 'Requires the analyst role' }))
    const error = await unwrap(api.POST('/api/projects/{slug}/images/{image_id}/review', {
        params: { path: { slug: 'default', image_id: 'x' } },
        body: { status: 'approved' },
      })).catch(
      (e) => e,
    )
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(403)
    expect(error.message).toBe('Requires the analyst role')
  })

  it('explains validation errors field by field', async () => {
    fetchMock.mockResolvedValueOnce(json(422, { detail: [{ loc: ['body', 'password'], msg: 'too short' }] }))
    const error = await unwrap(api.POST('/api/users', { body: { email: 'a@b.org', password: 'x', role: 'viewer' } })).catch((e) => e)
    expect(error.message).toBe('password: too short')
  })

  it('reports an unreachable server plainly', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    const error = await unwrap(api.GET('/api/projects/{slug}/species', { params: { path: { slug: 'default' } } })).catch((e) => e)
    expect(error.status).toBe(0)
    expect(error.message).toMatch(/could not be reached/)
  })
})
