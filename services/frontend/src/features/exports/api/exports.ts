/**
 * Export downloads and imports. Exports are streamed by the API; the dashboard reads the stream
 * itself (the access token travels in a header, so a plain link cannot fetch it) and reports the
 * bytes received against what the API announced up front (`X-Export-Images`, and with photos
 * `X-Export-Media-Bytes`), then hands the file to the browser as a download.
 */
import { authFetch } from '@/lib/api/client'
import { ApiError } from '@/lib/api/errors'
import { imagesQuery, type ImageFilters } from '@/lib/filters'

export interface FormatInfo {
  label: string
  hint: string
  /** The export's path under the project, with the format's own query parameters. */
  request: string
}

export const FORMATS = {
  'camtrap-media': {
    label: 'Camtrap DP, with photos (zip)',
    hint: 'Deployments, media and observations (Camtrap DP 1.0.2) with the photos in the zip: ready for GBIF or camtraptor.',
    request: 'exports/camtrap-dp?media=include',
  },
  'camtrap-urls': {
    label: 'Camtrap DP, photos as links (zip)',
    hint: 'The same tables; photos are linked by signed URLs that expire. Small and quick.',
    request: 'exports/camtrap-dp?media=urls',
  },
  'megadetector-json': {
    label: 'MegaDetector JSON',
    hint: 'Batch-output format 1.4 with detections and classifications, for Timelapse and the MegaDetector tools.',
    request: 'exports/megadetector',
  },
  'megadetector-zip': {
    label: 'MegaDetector JSON, with photos (zip)',
    hint: 'The JSON and the photos at the paths it names.',
    request: 'exports/megadetector?media=include',
  },
  'csv-images': {
    label: 'CSV: images',
    hint: 'One row per image: camera, capture time, status, review, detections.',
    request: 'exports/csv?table=images',
  },
  'csv-observations': {
    label: 'CSV: observations',
    hint: 'One row per detection with its species label, confidence and box.',
    request: 'exports/csv?table=observations',
  },
  xlsx: {
    label: 'Excel workbook (XLSX)',
    hint: 'An images sheet and an observations sheet.',
    request: 'exports/xlsx',
  },
} satisfies Record<string, FormatInfo>

/** The formats the dashboard offers, in the order it lists them. */
export type ExportFormat = keyof typeof FORMATS

/** The export's URL: the gallery's filters (without paging) plus the format's own parameters. */
export function exportUrl(slug: string, format: ExportFormat, filters: ImageFilters): string {
  const [path, own] = FORMATS[format].request.split('?')
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(imagesQuery(filters, false))) {
    if (value === undefined || value === null) continue
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item))
  }
  for (const [key, value] of new URLSearchParams(own)) search.set(key, value)
  return `/api/projects/${encodeURIComponent(slug)}/${path}?${search.toString()}`
}

export interface ExportProgress {
  received: number
  /** Bytes the file will about have, when the API could say (exports with photos). */
  expected?: number
  images?: number
}

export interface DownloadedFile {
  blob: Blob
  filename: string
  images?: number
}

function filenameOf(response: Response, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')
  return match?.[1] ?? fallback
}

async function errorOf(response: Response): Promise<ApiError> {
  let detail: unknown
  try {
    detail = ((await response.json()) as { detail?: unknown }).detail
  } catch {
    detail = undefined
  }
  return new ApiError(response.status, detail)
}

function numberHeader(response: Response, name: string): number | undefined {
  const value = response.headers.get(name)
  return value !== null && /^\d+$/.test(value) ? Number(value) : undefined
}

export async function fetchExport(
  url: string,
  onProgress: (progress: ExportProgress) => void,
  signal?: AbortSignal,
): Promise<DownloadedFile> {
  const response = await authFetch(new Request(new URL(url, window.location.origin), { signal }))
  if (!response.ok) throw await errorOf(response)
  const images = numberHeader(response, 'X-Export-Images')
  const media = numberHeader(response, 'X-Export-Media-Bytes')
  const type = response.headers.get('Content-Type') ?? 'application/octet-stream'
  const chunks: Uint8Array[] = []
  let received = 0
  onProgress({ received, expected: media, images })
  const reader = response.body?.getReader()
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      received += value.byteLength
      onProgress({ received, expected: media, images })
    }
  }
  return { blob: new Blob(chunks as BlobPart[], { type }), filename: filenameOf(response, 'export'), images }
}

/** Hands a fetched file to the browser's downloads. */
export function saveFile(file: DownloadedFile): void {
  const href = URL.createObjectURL(file.blob)
  const link = document.createElement('a')
  link.href = href
  link.download = file.filename
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(href), 60_000)
}

export interface ImportResult {
  format: 'camtrap-dp' | 'megadetector'
  cameras: number
  deployments: number
  images: number
  detections: number
  machine_labels: number
  human_labels: number
}

/** The problems of a refused import, one line each ("media.csv line 3, field timestamp: ..."). */
export function importProblems(error: unknown): string[] {
  if (error instanceof ApiError && Array.isArray(error.detail)) {
    return error.detail.map((d) => (d && typeof d === 'object' && 'msg' in d ? String((d as { msg: unknown }).msg) : String(d)))
  }
  return [error instanceof Error ? error.message : String(error)]
}

export async function importPackage(slug: string, file: File): Promise<ImportResult> {
  const request = new Request(new URL(`/api/projects/${encodeURIComponent(slug)}/imports`, window.location.origin), {
    method: 'POST',
    body: file,
    headers: { 'Content-Type': 'application/zip' },
  })
  const response = await authFetch(request)
  if (!response.ok) throw await errorOf(response)
  return (await response.json()) as ImportResult
}
