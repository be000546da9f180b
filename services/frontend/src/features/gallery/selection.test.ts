import { describe, expect, it } from 'vitest'
import { allSelected, clickSelection, deselectAll, EMPTY_SELECTION, rangeBetween, selectAll, undoGroups } from './selection'

const ORDER = ['a', 'b', 'c', 'd', 'e']
const ids = (s: { ids: ReadonlySet<string> }) => [...s.ids].sort()

describe('rangeBetween', () => {
  it('is inclusive, in page order, in either direction', () => {
    expect(rangeBetween(ORDER, 'b', 'd')).toEqual(['b', 'c', 'd'])
    expect(rangeBetween(ORDER, 'd', 'b')).toEqual(['b', 'c', 'd'])
    expect(rangeBetween(ORDER, 'c', 'c')).toEqual(['c'])
    expect(rangeBetween(ORDER, 'x', 'b')).toEqual([])
  })
})

describe('clickSelection', () => {
  it('toggles on a plain click and moves the anchor', () => {
    let s = clickSelection(EMPTY_SELECTION, ORDER, 'b', false)
    expect(ids(s)).toEqual(['b'])
    expect(s.anchor).toBe('b')
    s = clickSelection(s, ORDER, 'b', false)
    expect(ids(s)).toEqual([])
  })
  it('selects the range from the anchor on shift-click, and clears it from a cleared anchor', () => {
    let s = clickSelection(EMPTY_SELECTION, ORDER, 'b', false)
    s = clickSelection(s, ORDER, 'e', true)
    expect(ids(s)).toEqual(['b', 'c', 'd', 'e'])
    expect(s.anchor).toBe('e')
    s = clickSelection(s, ORDER, 'd', false) // clears d, anchor d (cleared)
    s = clickSelection(s, ORDER, 'b', true) // clears b..d
    expect(ids(s)).toEqual(['e'])
  })
  it('treats shift-click without an anchor on the page as a plain click', () => {
    const s = clickSelection({ ids: new Set(['z']), anchor: 'z' }, ORDER, 'c', true)
    expect(ids(s)).toEqual(['c', 'z'])
  })
})

describe('page selection', () => {
  it('selects and clears the page, keeping other pages', () => {
    let s = selectAll({ ids: new Set(['other']), anchor: null }, ORDER)
    expect(allSelected(s, ORDER)).toBe(true)
    expect(s.ids.size).toBe(6)
    s = deselectAll(s, ORDER)
    expect(ids(s)).toEqual(['other'])
    expect(allSelected(s, [])).toBe(false)
  })
  it('groups undo by the status each image had', () => {
    const before = new Map([
      ['a', 'unreviewed'],
      ['b', 'flagged'],
      ['c', 'unreviewed'],
      ['d', 'approved'],
    ])
    expect(Object.fromEntries(undoGroups(['a', 'b', 'c', 'd', 'x'], before, 'approved'))).toEqual({
      unreviewed: ['a', 'c'],
      flagged: ['b'],
    })
  })
})
