import { describe, expect, it } from 'vitest'
import { bboxToRect, clampBbox, containRect, hitTest, labelPosition, scaleRect } from './geometry'

describe('containRect (object-fit: contain)', () => {
  it('fills a container of the same aspect ratio exactly', () => {
    expect(containRect({ width: 960, height: 540 }, { width: 1920, height: 1080 })).toEqual({ x: 0, y: 0, width: 960, height: 540 })
  })

  it('letterboxes a wide image in a tall container (bars top and bottom)', () => {
    // 1920×1080 in 800×800: scale 800/1920, drawn 800×450, centred vertically.
    expect(containRect({ width: 800, height: 800 }, { width: 1920, height: 1080 })).toEqual({ x: 0, y: 175, width: 800, height: 450 })
  })

  it('pillarboxes a tall image in a wide container (bars left and right)', () => {
    expect(containRect({ width: 1000, height: 500 }, { width: 1000, height: 2000 })).toEqual({ x: 375, y: 0, width: 250, height: 500 })
  })

  it('scales a small image up, like the browser does', () => {
    expect(containRect({ width: 400, height: 300 }, { width: 200, height: 150 })).toEqual({ x: 0, y: 0, width: 400, height: 300 })
  })

  it('gives an empty rectangle before anything has a size', () => {
    expect(containRect({ width: 0, height: 300 }, { width: 200, height: 150 })).toEqual({ x: 0, y: 0, width: 0, height: 0 })
    expect(containRect({ width: 400, height: 300 }, { width: 0, height: 0 })).toEqual({ x: 0, y: 0, width: 0, height: 0 })
  })
})

describe('bboxToRect (normalized MegaDetector [x, y, w, h] → container pixels)', () => {
  const content = containRect({ width: 800, height: 800 }, { width: 1920, height: 1080 }) // {0,175,800,450}

  it('maps a box through the letterbox offset', () => {
    expect(bboxToRect([0.25, 0.5, 0.5, 0.25], content)).toEqual({ x: 200, y: 175 + 225, width: 400, height: 112.5 })
  })

  it('maps the whole image to the content rectangle', () => {
    expect(bboxToRect([0, 0, 1, 1], content)).toEqual(content)
  })

  it('clamps boxes that overshoot the image by a rounding error', () => {
    expect(clampBbox([-0.01, 0.2, 1.05, 0.9])).toEqual([0, 0.2, 1, expect.closeTo(0.8, 10)])
    expect(bboxToRect([0.9, 0.9, 0.2, 0.2], { x: 0, y: 0, width: 100, height: 100 })).toEqual({
      x: 90,
      y: 90,
      width: expect.closeTo(10, 10),
      height: expect.closeTo(10, 10),
    })
  })

  it('scales to device pixels for HiDPI canvases', () => {
    expect(scaleRect({ x: 10, y: 20, width: 30, height: 40 }, 2)).toEqual({ x: 20, y: 40, width: 60, height: 80 })
  })
})

describe('hitTest', () => {
  const big = { key: 'big', rect: { x: 0, y: 0, width: 500, height: 400 } }
  const small = { key: 'small', rect: { x: 100, y: 100, width: 50, height: 50 } }
  const other = { key: 'other', rect: { x: 600, y: 0, width: 100, height: 100 } }

  it('finds the box under the pointer', () => {
    expect(hitTest({ x: 650, y: 50 }, [big, small, other])).toBe('other')
  })

  it('prefers the smallest of overlapping boxes, whatever their order', () => {
    expect(hitTest({ x: 120, y: 120 }, [big, small, other])).toBe('small')
    expect(hitTest({ x: 120, y: 120 }, [small, big, other])).toBe('small')
    expect(hitTest({ x: 300, y: 300 }, [big, small])).toBe('big')
  })

  it('misses outside every box, allowing a couple of pixels of slack on the edges', () => {
    expect(hitTest({ x: 550, y: 450 }, [big, small, other])).toBeNull()
    expect(hitTest({ x: 501.5, y: 10 }, [big])).toBe('big')
    expect(hitTest({ x: 503, y: 10 }, [big])).toBeNull()
    expect(hitTest({ x: 501.5, y: 10 }, [big], 0)).toBeNull()
  })
})

describe('labelPosition', () => {
  const container = { width: 800, height: 600 }
  const label = { width: 120, height: 22 }

  it('sits above the box', () => {
    expect(labelPosition({ x: 100, y: 100, width: 50, height: 50 }, label, container)).toEqual({ x: 100, y: 78 })
  })

  it('moves inside the box at the top edge of the image', () => {
    expect(labelPosition({ x: 100, y: 5, width: 50, height: 50 }, label, container)).toEqual({ x: 100, y: 5 })
  })

  it('shifts left to stay in view at the right edge', () => {
    expect(labelPosition({ x: 750, y: 100, width: 40, height: 40 }, label, container)).toEqual({ x: 680, y: 78 })
  })
})
