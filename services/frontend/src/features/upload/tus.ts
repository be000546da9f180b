/**
 * The browser side of the resumable upload (tus 1.0 against /api/projects/{slug}/uploads): create,
 * HEAD for the offset, PATCH chunks. The upload URL of each file (by its sha256) is kept in
 * localStorage, so a closed tab or a dropped connection resumes where it stopped.
 */
import { authFetch } from '@/lib/api/client'

const TUS = { 'Tus-Resumable': '1.0.0' }
const STORE = 'addax-uploads'
export const CHUNK_SIZE = 2 * 1024 * 1024

export interface UploadOutcome {
  outcome: string
  status: string | null
  imageId: string | null
  reason: string | null
}

export class UploadFailed extends Error {}

function remembered(): Record<string, string> {
  try {
    return JSON.parse(localStorage.getItem(STORE) ?? '{}') as Record<string, string>
  } catch {
    return {}
  }
}

function remember(sha256: string, url: string | null) {
  const all = remembered()
  if (url) all[sha256] = url
  else delete all[sha256]
  localStorage.setItem(STORE, JSON.stringify(all))
}

function b64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)))
}

async function detail(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { detail?: unknown }
    return typeof body.detail === 'string' ? body.detail : `HTTP ${response.status}`
  } catch {
    return `HTTP ${response.status}`
  }
}

async function call(url: string, init: RequestInit): Promise<Response> {
  return authFetch(new Request(new URL(url, window.location.origin), init))
}

async function create(base: string, file: File, name: string, sha256: string, camera: number | null, signal: AbortSignal) {
  const metadata = [`filename ${b64(name)}`, `sha256 ${b64(sha256)}`]
  if (camera !== null) metadata.push(`camera ${b64(String(camera))}`)
  const response = await call(base, {
    method: 'POST',
    headers: { ...TUS, 'Upload-Length': String(file.size), 'Upload-Metadata': metadata.join(',') },
    signal,
  })
  if (response.status !== 201) throw new UploadFailed(await detail(response))
  const url = response.headers.get('Location') ?? ''
  remember(sha256, url)
  return url
}

async function offsetOf(url: string, signal: AbortSignal): Promise<number | null> {
  const response = await call(url, { method: 'HEAD', headers: TUS, signal })
  if (response.status === 404) return null
  if (!response.ok) throw new UploadFailed(`HTTP ${response.status}`)
  return Number(response.headers.get('Upload-Offset') ?? '0')
}

async function result(url: string, signal: AbortSignal): Promise<UploadOutcome> {
  const response = await call(url, { method: 'GET', signal })
  if (!response.ok) throw new UploadFailed(await detail(response))
  const body = (await response.json()) as {
    result: { outcome: string; status: string | null; image_id: string | null; reason?: string | null } | null
  }
  if (!body.result) throw new UploadFailed('the server has the file but no result yet')
  return { outcome: body.result.outcome, status: body.result.status, imageId: body.result.image_id, reason: body.result.reason ?? null }
}

/** Upload one file, resuming a remembered upload; `onProgress` gets the bytes the server holds. */
export async function upload(
  base: string,
  file: File,
  name: string,
  sha256: string,
  camera: number | null,
  signal: AbortSignal,
  onProgress: (sent: number) => void,
): Promise<UploadOutcome> {
  let url = remembered()[sha256] ?? null
  let failures = 0
  for (;;) {
    try {
      let offset = url ? await offsetOf(url, signal) : null
      if (url === null || offset === null) {
        url = await create(base, file, name, sha256, camera, signal)
        offset = 0
      }
      onProgress(offset)
      // At the end an empty PATCH: it hands a complete upload to ingestion if that did not happen yet
      // (the server was busy), or answers the result the server already has.
      for (;;) {
        const response = await call(url, {
          method: 'PATCH',
          headers: { ...TUS, 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
          body: offset < file.size ? file.slice(offset, offset + CHUNK_SIZE) : new Blob([]),
          signal,
        })
        if ([409, 423, 503].includes(response.status) && !(await response.clone().text()).includes('changed')) break
        if (response.status !== 204) throw new UploadFailed(await detail(response))
        offset = Number(response.headers.get('Upload-Offset') ?? offset)
        onProgress(offset)
        if (offset >= file.size) {
          const outcome = await result(url, signal)
          remember(sha256, null)
          return outcome
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 500)) // locked or busy: ask HEAD again shortly
    } catch (error) {
      if (signal.aborted || error instanceof UploadFailed) throw error
      failures += 1 // the connection dropped: HEAD tells what arrived, then go on from there
      if (failures > 8) throw new UploadFailed('the connection keeps dropping')
      await new Promise((resolve) => setTimeout(resolve, Math.min(500 * failures, 5000)))
    }
  }
}

/** Cancel: the server forgets the upload and its bytes. */
export async function cancel(sha256: string) {
  const url = remembered()[sha256]
  remember(sha256, null)
  if (url) await call(url, { method: 'DELETE', headers: TUS }).catch(() => undefined)
}
