/**
 * Gallery filters ↔ URL query string.
 *
 * The URL is the single source of truth for what the gallery shows, so a view can be
 * bookmarked, shared with a colleague and survives a reload. Parameter names are the API's
 * own (`camera_id`, `species`, `date_from`, …) so the two never need a mapping table; values
 * equal to the defaults are left out to keep links short, and junk values are ignored rather
 * than breaking the page.
 */
import type { ImageStatus, ReviewStatus } from '@/lib/api/types'

export const IMAGE_STATUSES: ImageStatus[] = ['received', 'detecting', 'detected', 'classifying', 'completed', 'failed', 'rejected']
/**
 * What the gallery (and prev/next, and the map's image lists) shows when no status is chosen: images
 * being processed or done. Rejected and failed uploads are a filter of their own, so a burst of
 * unreadable files does not fill the first page.
 */
export const DEFAULT_STATUSES: ImageStatus[] = ['received', 'detecting', 'detected', 'classifying', 'completed']
/** The statuses offered as "N rejected" / "N failed" beside the default view. */
export const SET_ASIDE_STATUSES = ['rejected', 'failed'] as const satisfies readonly ImageStatus[]
export const REVIEW_STATUSES: ReviewStatus[] = ['unreviewed', 'approved', 'rejected', 'flagged']
export const SORT_FIELDS = ['captured_at', 'received_at', 'confidence', 'camera'] as const
export type SortField = (typeof SORT_FIELDS)[number]
export const PAGE_SIZES = [24, 48, 96] as const
/** `unknown`: only photos without an EXIF capture time; `known`: only those with one. Unset: both. */
export const CAPTURE_TIMES = ['known', 'unknown'] as const
export type CaptureTime = (typeof CAPTURE_TIMES)[number]

export interface ImageFilters {
  date_from?: string // YYYY-MM-DD, inclusive
  date_to?: string // YYYY-MM-DD, inclusive
  capture_time?: CaptureTime
  camera_id: number[]
  species: string[]
  min_confidence?: number // 0..1
  status: ImageStatus[]
  review_status: ReviewStatus[]
  sort: SortField
  order: 'asc' | 'desc'
  page: number
  limit: number
  /** `sequence`: one card per sequence (the API's `group=sequence`); unset: one card per image. */
  group?: 'sequence'
}

export const DEFAULT_FILTERS: ImageFilters = {
  camera_id: [],
  species: [],
  status: [],
  review_status: [],
  sort: 'captured_at',
  order: 'desc',
  page: 1,
  limit: 48,
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/

function validDate(value: string | null): string | undefined {
  if (!value || !DATE_RE.test(value)) return undefined
  const d = new Date(`${value}T00:00:00Z`)
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value ? undefined : value
}

function unique<T>(values: T[]): T[] {
  return Array.from(new Set(values))
}

function positiveInt(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined
  const n = Number(value)
  return n >= 1 && Number.isSafeInteger(n) ? n : undefined
}

export function parseFilters(params: URLSearchParams): ImageFilters {
  const cameraIds = unique(params.getAll('camera_id').map(positiveInt).filter((n): n is number => n !== undefined))
  const species = unique(params.getAll('species').map((s) => s.trim()).filter(Boolean))
  const status = unique(params.getAll('status').filter((s): s is ImageStatus => (IMAGE_STATUSES as string[]).includes(s)))
  const review = unique(
    params.getAll('review_status').filter((s): s is ReviewStatus => (REVIEW_STATUSES as string[]).includes(s)),
  )
  const conf = params.get('min_confidence')
  let minConfidence: number | undefined
  if (conf !== null && conf.trim() !== '') {
    const n = Number(conf)
    if (Number.isFinite(n) && n > 0 && n <= 1) minConfidence = Math.round(n * 100) / 100
  }
  const sortParam = params.get('sort')
  const sort = (SORT_FIELDS as readonly string[]).includes(sortParam ?? '') ? (sortParam as SortField) : DEFAULT_FILTERS.sort
  const orderParam = params.get('order')
  const order = orderParam === 'asc' || orderParam === 'desc' ? orderParam : DEFAULT_FILTERS.order
  const limit = positiveInt(params.get('limit'))
  let dateFrom = validDate(params.get('date_from'))
  let dateTo = validDate(params.get('date_to'))
  if (dateFrom && dateTo && dateFrom > dateTo) [dateFrom, dateTo] = [dateTo, dateFrom]
  const captureParam = params.get('capture_time')
  const captureTime = (CAPTURE_TIMES as readonly string[]).includes(captureParam ?? '') ? (captureParam as CaptureTime) : undefined

  return {
    date_from: dateFrom,
    date_to: dateTo,
    capture_time: captureTime,
    camera_id: cameraIds,
    species,
    min_confidence: minConfidence,
    status,
    review_status: review,
    sort,
    order,
    page: positiveInt(params.get('page')) ?? DEFAULT_FILTERS.page,
    limit: limit && (PAGE_SIZES as readonly number[]).includes(limit) ? limit : DEFAULT_FILTERS.limit,
    group: params.get('group') === 'sequence' ? 'sequence' : undefined,
  }
}

/** The query string for a set of filters; values equal to the defaults are omitted. */
export function serializeFilters(filters: Partial<ImageFilters>): URLSearchParams {
  const f = { ...DEFAULT_FILTERS, ...filters }
  const params = new URLSearchParams()
  if (f.date_from) params.set('date_from', f.date_from)
  if (f.date_to) params.set('date_to', f.date_to)
  if (f.capture_time) params.set('capture_time', f.capture_time)
  for (const id of unique(f.camera_id)) params.append('camera_id', String(id))
  for (const s of unique(f.species)) params.append('species', s)
  if (f.min_confidence !== undefined && f.min_confidence > 0) params.set('min_confidence', String(f.min_confidence))
  for (const s of unique(f.status)) params.append('status', s)
  for (const s of unique(f.review_status)) params.append('review_status', s)
  if (f.sort !== DEFAULT_FILTERS.sort) params.set('sort', f.sort)
  if (f.order !== DEFAULT_FILTERS.order) params.set('order', f.order)
  if (f.page !== DEFAULT_FILTERS.page) params.set('page', String(f.page))
  if (f.limit !== DEFAULT_FILTERS.limit) params.set('limit', String(f.limit))
  if (f.group === 'sequence') params.set('group', 'sequence')
  return params
}

/** Applies a change to the filters; any change other than the page itself starts again at page 1. */
export function updateFilters(current: ImageFilters, change: Partial<ImageFilters>): ImageFilters {
  const next = { ...current, ...change }
  if (!('page' in change)) next.page = 1
  return next
}

/** The filters that narrow the set of images (everything except paging and ordering). */
export function activeFilterCount(f: ImageFilters): number {
  return (
    (f.date_from ? 1 : 0) +
    (f.date_to ? 1 : 0) +
    (f.capture_time ? 1 : 0) +
    (f.camera_id.length ? 1 : 0) +
    (f.species.length ? 1 : 0) +
    (f.min_confidence ? 1 : 0) +
    (f.status.length ? 1 : 0) +
    (f.review_status.length ? 1 : 0)
  )
}

/**
 * The same filters without paging, for carrying the current view into the image detail page
 * (where previous/next walk through exactly the images the gallery showed).
 */
export function viewQuery(f: ImageFilters): string {
  const params = serializeFilters({ ...f, page: 1, limit: DEFAULT_FILTERS.limit })
  const s = params.toString()
  return s ? `?${s}` : ''
}

/** The API query for a set of filters (empty lists and unset values left out, no status = the default set). */
export function imagesQuery(filters: ImageFilters, paging = true) {
  return {
    ...dateRangeToIso(filters.date_from, filters.date_to),
    capture_time: filters.capture_time,
    camera_id: filters.camera_id.length ? filters.camera_id : undefined,
    species: filters.species.length ? filters.species : undefined,
    status: filters.status.length ? filters.status : DEFAULT_STATUSES,
    review_status: filters.review_status.length ? filters.review_status : undefined,
    min_confidence: filters.min_confidence,
    sort: filters.sort,
    order: filters.order,
    ...(paging ? { page: filters.page, limit: filters.limit, group: filters.group } : {}),
  }
}

/** Start of `date_from` and end of `date_to` in the browser's time zone, as ISO timestamps. */
export function dateRangeToIso(dateFrom?: string, dateTo?: string): { date_from?: string; date_to?: string } {
  const out: { date_from?: string; date_to?: string } = {}
  if (dateFrom) out.date_from = new Date(`${dateFrom}T00:00:00`).toISOString()
  if (dateTo) out.date_to = new Date(`${dateTo}T23:59:59.999`).toISOString()
  return out
}
