import { describe, expect, it } from 'vitest'
import { ApiError } from '@/lib/api/errors'
import { DEFAULT_FILTERS } from '@/lib/filters'
import { exportUrl, importProblems } from './exports'

describe('exportUrl', () => {
  it('carries the gallery filters without paging, plus the format parameters', () => {
    const url = new URL(
      exportUrl('my-study', 'camtrap-media', {
        ...DEFAULT_FILTERS,
        camera_id: [3, 7],
        species: ['red deer'],
        review_status: ['approved'],
        capture_time: 'known',
        page: 4,
      }),
      'http://x',
    )
    expect(url.pathname).toBe('/api/projects/my-study/exports/camtrap-dp')
    expect(url.searchParams.getAll('camera_id')).toEqual(['3', '7'])
    expect(url.searchParams.getAll('species')).toEqual(['red deer'])
    expect(url.searchParams.get('review_status')).toBe('approved')
    expect(url.searchParams.get('capture_time')).toBe('known')
    expect(url.searchParams.get('media')).toBe('include')
    expect(url.searchParams.has('page')).toBe(false)
    expect(url.searchParams.has('limit')).toBe(false)
    // The gallery's default view (no status chosen) is what is exported.
    expect(url.searchParams.getAll('status')).toEqual(['received', 'detecting', 'detected', 'classifying', 'completed'])
  })

  it('names each format its own route and table', () => {
    expect(exportUrl('p', 'csv-observations', DEFAULT_FILTERS)).toContain('/exports/csv?')
    expect(new URL(exportUrl('p', 'csv-observations', DEFAULT_FILTERS), 'http://x').searchParams.get('table')).toBe('observations')
    expect(exportUrl('p', 'megadetector-json', DEFAULT_FILTERS)).toContain('/exports/megadetector?')
    expect(new URL(exportUrl('p', 'megadetector-zip', DEFAULT_FILTERS), 'http://x').searchParams.get('media')).toBe('include')
    expect(exportUrl('p', 'xlsx', DEFAULT_FILTERS)).toContain('/exports/xlsx?')
  })
})

describe('importProblems', () => {
  it('lists the message of every refused row', () => {
    const error = new ApiError(422, [
      { loc: ['body', 'file', 'media.csv', 3, 'timestamp'], msg: 'media.csv line 3, field timestamp: not a datetime' },
      { loc: ['body', 'file', 'observations.csv', 2, 'mediaID'], msg: "observations.csv line 2, field mediaID: unknown media 'x'" },
    ])
    expect(importProblems(error)).toEqual([
      'media.csv line 3, field timestamp: not a datetime',
      "observations.csv line 2, field mediaID: unknown media 'x'",
    ])
  })

  it('falls back to the error message', () => {
    expect(importProblems(new ApiError(413, 'an import may be at most 10 bytes'))).toEqual(['an import may be at most 10 bytes'])
  })
})
