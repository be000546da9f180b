import { describe, expect, it } from 'vitest'
import { clusterPoints, compactCount } from './cluster'

const p = (id: number, x: number, y: number, count = 1) => ({ id, x, y, count })

describe('map pin clustering', () => {
  it('merges pins within the radius and sums their counts', () => {
    const clusters = clusterPoints([p(1, 0, 0, 5), p(2, 10, 0, 3), p(3, 200, 200, 7)], 44)
    expect(clusters).toEqual([
      { ids: [3], x: 200, y: 200, count: 7 },
      { ids: [1, 2], x: 5, y: 0, count: 8 },
    ])
  })

  it('keeps pins apart at the radius and beyond', () => {
    expect(clusterPoints([p(1, 0, 0), p(2, 44, 0)], 44).map((c) => c.ids)).toEqual([[1], [2]])
  })

  it('lets the busiest pin seed its cluster, so a chain does not collapse into one', () => {
    // 1 -- 2 -- 3 in a line, 30 px apart: 2 is busiest and takes both neighbours.
    expect(clusterPoints([p(1, 0, 0, 1), p(2, 30, 0, 9), p(3, 60, 0, 1)], 44).map((c) => c.ids)).toEqual([[1, 2, 3]])
    // 1 busiest: takes 2 only; 3 is 60 px away from 1 and stays alone.
    expect(clusterPoints([p(1, 0, 0, 9), p(2, 30, 0, 1), p(3, 60, 0, 1)], 44).map((c) => c.ids)).toEqual([[1, 2], [3]])
  })

  it('counts a filtered-out camera as zero', () => {
    expect(clusterPoints([p(1, 0, 0, 0), p(2, 1, 1, 0)])).toEqual([{ ids: [1, 2], x: 0.5, y: 0.5, count: 0 }])
  })

  it('is empty for no pins', () => {
    expect(clusterPoints([])).toEqual([])
  })
})

describe('compact counts', () => {
  it('shortens large counts', () => {
    expect([0, 999, 1000, 1250, 9999, 12_400, 999_499, 1_250_000].map(compactCount)).toEqual([
      '0', '999', '1k', '1.3k', '10k', '12k', '999k', '1.3M',
    ])
  })
})
