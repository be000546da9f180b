import { describe, expect, it } from 'vitest'
import {
  activeFilterCount,
  dateRangeToIso,
  DEFAULT_FILTERS,
  imagesQuery,
  parseFilters,
  serializeFilters,
  updateFilters,
  viewQuery,
  type ImageFilters,
} from './filters'

const parse = (qs: string) => parseFilters(new URLSearchParams(qs))

describe('gallery filters ↔ URL', () => {
  it('an empty query string gives the defaults, and the defaults serialize to nothing', () => {
    expect(parse('')).toEqual(DEFAULT_FILTERS)
    expect(serializeFilters(DEFAULT_FILTERS).toString()).toBe('')
  })

  it('round-trips every filter, with several cameras and species', () => {
    const filters: ImageFilters = {
      date_from: '2026-05-01',
      date_to: '2026-05-31',
      camera_id: [3, 7, 12],
      species: ['red fox', 'wild boar'],
      min_confidence: 0.65,
      status: ['completed', 'failed'],
      review_status: ['unreviewed', 'flagged'],
      sort: 'confidence',
      order: 'asc',
      page: 4,
      limit: 96,
    }
    const qs = serializeFilters(filters).toString()
    expect(qs).toBe(
      'date_from=2026-05-01&date_to=2026-05-31&camera_id=3&camera_id=7&camera_id=12&species=red+fox&species=wild+boar' +
        '&min_confidence=0.65&status=completed&status=failed&review_status=unreviewed&review_status=flagged' +
        '&sort=confidence&order=asc&page=4&limit=96',
    )
    expect(parse(qs)).toEqual(filters)
  })

  it('carries the capture-time filter to the URL and the API, and ignores junk values', () => {
    const unknown = parse('capture_time=unknown&date_from=2026-05-01')
    expect(unknown.capture_time).toBe('unknown')
    expect(serializeFilters(unknown).toString()).toBe('date_from=2026-05-01&capture_time=unknown')
    expect(activeFilterCount(unknown)).toBe(2)
    expect(imagesQuery(unknown).capture_time).toBe('unknown')
    expect(parse('capture_time=known').capture_time).toBe('known')
    expect(parse('capture_time=sometimes').capture_time).toBeUndefined()
    expect(imagesQuery(parse('')).capture_time).toBeUndefined()
  })

  it('uses the API parameter names, so a gallery link is also an API query', () => {
    const qs = serializeFilters({ camera_id: [1, 2], species: ['badger'] }).toString()
    expect(qs).toBe('camera_id=1&camera_id=2&species=badger')
  })

  it('omits values equal to the defaults', () => {
    const qs = serializeFilters({ ...DEFAULT_FILTERS, sort: 'captured_at', order: 'desc', page: 1, limit: 48, species: ['wolf'] })
    expect(qs.toString()).toBe('species=wolf')
  })

  it('ignores junk instead of breaking the page', () => {
    const f = parse(
      'camera_id=abc&camera_id=-1&camera_id=0&camera_id=5&camera_id=5&species=&species=%20&status=bogus&review_status=maybe' +
        '&min_confidence=7&sort=random&order=sideways&page=-3&limit=13&date_from=2026-02-30&date_to=yesterday',
    )
    expect(f).toEqual({ ...DEFAULT_FILTERS, camera_id: [5] })
  })

  it('keeps a zero or empty confidence out of the URL and rounds it to whole percents', () => {
    expect(parse('min_confidence=0').min_confidence).toBeUndefined()
    expect(parse('min_confidence=').min_confidence).toBeUndefined()
    expect(parse('min_confidence=0.333333').min_confidence).toBe(0.33)
    expect(serializeFilters({ min_confidence: 0 }).toString()).toBe('')
  })

  it('swaps a reversed date range', () => {
    const f = parse('date_from=2026-06-10&date_to=2026-06-01')
    expect([f.date_from, f.date_to]).toEqual(['2026-06-01', '2026-06-10'])
  })

  it('de-duplicates repeated values', () => {
    expect(serializeFilters({ species: ['fox', 'fox'], camera_id: [2, 2] }).toString()).toBe('camera_id=2&species=fox')
  })

  it('goes back to page 1 when a filter changes, but not when the page changes', () => {
    const current = { ...DEFAULT_FILTERS, page: 5 }
    expect(updateFilters(current, { species: ['wolf'] }).page).toBe(1)
    expect(updateFilters(current, { page: 6 }).page).toBe(6)
  })

  it('counts the filters that narrow the set, not paging or order', () => {
    expect(activeFilterCount({ ...DEFAULT_FILTERS, page: 3, order: 'asc' })).toBe(0)
    expect(activeFilterCount({ ...DEFAULT_FILTERS, camera_id: [1, 2], species: ['x'], date_from: '2026-01-01' })).toBe(3)
  })

  it('carries the view to the detail page without the page number', () => {
    expect(viewQuery({ ...DEFAULT_FILTERS, page: 3, species: ['wolf'], order: 'asc' })).toBe('?species=wolf&order=asc')
    expect(viewQuery(DEFAULT_FILTERS)).toBe('')
  })

  it('turns whole days into an inclusive local-time range', () => {
    const { date_from, date_to } = dateRangeToIso('2026-05-01', '2026-05-31')
    expect(new Date(date_from!).getTime()).toBe(new Date('2026-05-01T00:00:00').getTime())
    expect(new Date(date_to!).getTime()).toBe(new Date('2026-05-31T23:59:59.999').getTime())
    expect(dateRangeToIso()).toEqual({})
  })

  it('asks the API for processing and completed images unless a status is chosen', () => {
    expect(imagesQuery(DEFAULT_FILTERS).status).toEqual(['received', 'detecting', 'detected', 'classifying', 'completed'])
    expect(imagesQuery({ ...DEFAULT_FILTERS, status: ['rejected'] }).status).toEqual(['rejected'])
    expect(imagesQuery(DEFAULT_FILTERS, false)).not.toHaveProperty('page')
    // The URL of the default view stays clean: the default set is not written into it.
    expect(serializeFilters(DEFAULT_FILTERS).getAll('status')).toEqual([])
  })
})

describe('one card per sequence', () => {
  it('round-trips group=sequence, ignores other values, and sends it only with paging', () => {
    const f = parseFilters(new URLSearchParams('group=sequence&page=2'))
    expect(f.group).toBe('sequence')
    expect(serializeFilters(f).get('group')).toBe('sequence')
    expect(parseFilters(new URLSearchParams('group=camera')).group).toBeUndefined()
    expect(imagesQuery(f).group).toBe('sequence')
    expect('group' in imagesQuery(f, false)).toBe(false)
    expect(updateFilters(f, { group: undefined }).page).toBe(1)
  })
})
