import { describe, expect, it } from 'vitest'
import { pickedPoint } from './picked-point'

describe('a point clicked on the map', () => {
  it('rounds to five decimals', () => {
    expect(pickedPoint(-1.2833349, 36.8166651)).toEqual({ lat: -1.28333, lon: 36.81667 })
  })

  it('brings a wrapped longitude back into -180..180', () => {
    expect(pickedPoint(10, 200)).toEqual({ lat: 10, lon: -160 })
    expect(pickedPoint(10, -190)).toEqual({ lat: 10, lon: 170 })
    expect(pickedPoint(10, 540)).toEqual({ lat: 10, lon: 180 })
    expect(pickedPoint(10, 180)).toEqual({ lat: 10, lon: 180 })
    expect(pickedPoint(10, -180)).toEqual({ lat: 10, lon: -180 })
  })

  it('keeps the latitude within the poles', () => {
    expect(pickedPoint(91, 0).lat).toBe(90)
    expect(pickedPoint(-95, 0).lat).toBe(-90)
  })
})
