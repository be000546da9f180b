import { describe, expect, it } from 'vitest'
import { contains, drawReducer, EMPTY_DRAWING, pointsOf, selfIntersects, toPolygon, type DrawAction, type LatLng } from './polygon'

const run = (...actions: DrawAction[]) => actions.reduce(drawReducer, EMPTY_DRAWING)
const add = (lat: number, lon: number): DrawAction => ({ type: 'add', point: [lat, lon] })

describe('area drawing', () => {
  it('adds corners and closes into a GeoJSON polygon in [lon, lat] order, ring closed', () => {
    const state = run(add(52, 5), add(52, 5.1), add(52.1, 5.1), { type: 'close' })
    expect(state.closed).toBe(true)
    expect(toPolygon(state.points)).toEqual({ type: 'Polygon', coordinates: [[[5, 52], [5.1, 52], [5.1, 52.1], [5, 52]]] })
  })

  it('needs three corners, refuses a line and a bow tie, and says why', () => {
    expect(run(add(52, 5), add(52, 5.1), { type: 'close' })).toMatchObject({ closed: false, problem: expect.stringMatching(/three corners/) })
    expect(run(add(52, 5), add(52, 5.1), add(52, 5.2), { type: 'close' })).toMatchObject({ closed: false, problem: expect.stringMatching(/one line/) })
    const bowTie = run(add(0, 0), add(2, 2), add(0, 2), add(1, 0), { type: 'close' })
    expect(bowTie).toMatchObject({ closed: false, problem: expect.stringMatching(/crosses itself/) })
  })

  it('ignores a double click on the same spot, and undo reopens before it removes', () => {
    const state = run(add(0, 0), add(0, 0), add(0, 1), add(1, 1))
    expect(state.points).toHaveLength(3)
    const closed = drawReducer(state, { type: 'close' })
    expect(drawReducer(closed, add(5, 5)).points).toHaveLength(3)
    const reopened = drawReducer(closed, { type: 'undo' })
    expect(reopened).toMatchObject({ closed: false, points: state.points })
    expect(drawReducer(reopened, { type: 'undo' }).points).toHaveLength(2)
    expect(drawReducer(closed, { type: 'clear' })).toEqual(EMPTY_DRAWING)
  })

  it('loads a stored polygon back into corners', () => {
    const polygon = { type: 'Polygon' as const, coordinates: [[[5, 52], [5.1, 52], [5.1, 52.1], [5, 52]]] }
    expect(pointsOf(polygon)).toEqual([[52, 5], [52, 5.1], [52.1, 5.1]])
    expect(drawReducer(EMPTY_DRAWING, { type: 'load', polygon })).toMatchObject({ closed: true, points: pointsOf(polygon) })
  })

  it('tells which cameras the area covers', () => {
    const square: LatLng[] = [[0, 0], [0, 2], [2, 2], [2, 0]]
    expect(contains(square, [1, 1])).toBe(true)
    expect(contains(square, [3, 1])).toBe(false)
    expect(selfIntersects(square)).toBe(false)
  })
})
