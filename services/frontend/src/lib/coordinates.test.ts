import { describe, expect, it } from 'vitest'
import { parseCoordinates, pointOrNull } from './coordinates'

describe('typed coordinates', () => {
  it('reads a point, with a decimal comma too', () => {
    expect(parseCoordinates('-1.28333', ' 36,81667 ')).toEqual({ point: { lat: -1.28333, lon: 36.81667 }, errors: {} })
  })

  it('takes both edges of the ranges', () => {
    expect(parseCoordinates('90', '-180').point).toEqual({ lat: 90, lon: -180 })
    expect(parseCoordinates('-90', '180').point).toEqual({ lat: -90, lon: 180 })
  })

  it('names what is out of range', () => {
    expect(parseCoordinates('90.5', '0').errors).toEqual({ lat: 'Latitude must be between -90 and 90' })
    expect(parseCoordinates('0', '-180.01').errors).toEqual({ lon: 'Longitude must be between -180 and 180' })
    expect(parseCoordinates('-91', '181')).toEqual({
      point: null,
      errors: { lat: 'Latitude must be between -90 and 90', lon: 'Longitude must be between -180 and 180' },
    })
  })

  it('says when a value is not a number', () => {
    expect(parseCoordinates('north', '5').errors.lat).toMatch(/^Latitude must be a number/)
    expect(parseCoordinates('5', 'Infinity').errors.lon).toMatch(/^Longitude must be a number/)
  })

  it('treats both empty as no location unless one is required', () => {
    expect(parseCoordinates('', ' ')).toEqual({ point: null, errors: {} })
    expect(parseCoordinates('', '', { required: true }).errors).toEqual({
      lat: 'Latitude is required',
      lon: 'Longitude is required',
    })
  })

  it('asks for the missing half of a point', () => {
    expect(parseCoordinates('12', '').errors).toEqual({ lon: 'Longitude is required' })
  })

  it('gives a map point only for two valid values', () => {
    expect(pointOrNull('1', '2')).toEqual({ lat: 1, lon: 2 })
    expect(pointOrNull('1', '')).toBeNull()
    expect(pointOrNull('100', '2')).toBeNull()
  })
})
