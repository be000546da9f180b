/**
 * The typed API client: openapi-fetch over the generated `paths` from the API's OpenAPI schema.
 *
 * Every request carries the in-memory access token. A 401 triggers one silent refresh through
 * the httpOnly cookie (shared by all requests that fail at the same time) and the request is
 * retried once with the new token; a second 401 signs the user out.
 */
import createClient from 'openapi-fetch'
import type { paths } from './schema'
import { ApiError, parseRetryAfter } from './errors'
import { clearSession, discard, getAccessToken, refreshSession } from './session'

const AUTH_PATHS = ['/api/auth/login', '/api/auth/refresh', '/api/auth/logout']

function withToken(request: Request): Request {
  const token = getAccessToken()
  if (!token) return request
  const headers = new Headers(request.headers)
  headers.set('Authorization', `Bearer ${token}`)
  return new Request(request, { headers })
}

export async function authFetch(input: Request): Promise<Response> {
  const isAuthCall = AUTH_PATHS.some((p) => new URL(input.url).pathname === p)
  // Keep an untouched copy: a body can be read only once, and we may send it twice.
  const retryCopy = isAuthCall ? null : input.clone()
  const response = await fetch(withToken(input))
  if (response.status !== 401 || !retryCopy) return response
  const session = await refreshSession().catch(() => null)
  if (!session) {
    clearSession()
    return response
  }
  await discard(response) // replaced by the retry's
  return fetch(withToken(retryCopy))
}

const origin = typeof window !== 'undefined' ? window.location.origin : 'http://localhost'

export const api = createClient<paths>({
  baseUrl: origin,
  fetch: authFetch,
  credentials: 'same-origin',
})

interface FetchResult<T> {
  data?: T
  error?: unknown
  response: Response
}

/** Returns the data of an openapi-fetch result or throws an ApiError with the API's message. */
export async function unwrap<T>(promise: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>
  try {
    result = await promise
  } catch (error) {
    void error
    throw new ApiError(0, undefined)
  }
  if (result.error !== undefined || !result.response.ok) {
    const err = result.error as { detail?: unknown } | undefined
    throw new ApiError(
      result.response.status,
      err && typeof err === 'object' ? err.detail : err,
      parseRetryAfter(result.response.headers.get('Retry-After')),
    )
  }
  return result.data as T
}
