import { describe, expect, it } from 'vitest'
import {
  assignHotkey,
  defaultHotkeys,
  emptyHotkeys,
  findLabel,
  hotkeyOf,
  labelForKey,
  normalizeLabel,
  parseHotkeys,
  searchLabels,
  type SpeciesLabel,
} from './labels'

const LIST: SpeciesLabel[] = [
  { label: 'blank', display: 'Blank / false trigger', kind: 'special', aliases: ['empty', 'false trigger'] },
  { label: 'person', display: 'Human', kind: 'special', aliases: ['human', 'people'] },
  { label: 'vehicle', display: 'Vehicle', kind: 'special' },
  { label: 'arctic fox', display: 'Arctic fox', kind: 'species' },
  { label: 'fox squirrel', display: 'Fox squirrel', kind: 'species' },
  { label: 'red fox', display: 'Red fox', kind: 'species' },
  { label: 'roe deer', display: 'Roe deer', kind: 'species' },
  { label: 'carnivores', display: 'Carnivores', kind: 'group' },
  { label: 'fox', display: 'Fox', kind: 'custom' },
]

const labelsOf = (items: SpeciesLabel[]) => items.map((i) => i.label)

describe('searchLabels', () => {
  it('ranks the exact name, then prefixes, then word starts, then substrings', () => {
    expect(labelsOf(searchLabels(LIST, 'fox'))).toEqual(['fox', 'fox squirrel', 'arctic fox', 'red fox'])
    expect(labelsOf(searchLabels(LIST, 'ox'))).toEqual(['arctic fox', 'fox squirrel', 'red fox', 'fox'])
  })
  it('finds specials by display name and alias, ignoring case, spaces and accents', () => {
    expect(labelsOf(searchLabels(LIST, '  HUMAN '))).toEqual(['person'])
    expect(labelsOf(searchLabels(LIST, 'false'))).toEqual(['blank'])
    expect(labelsOf(searchLabels(LIST, 'Rôe  Deer'))).toEqual(['roe deer'])
  })
  it('returns the whole list for an empty query, nothing for no match, and honours the limit', () => {
    expect(searchLabels(LIST, '   ')).toHaveLength(LIST.length)
    expect(searchLabels(LIST, 'zebra')).toEqual([])
    expect(labelsOf(searchLabels(LIST, 'fox', 2))).toEqual(['fox', 'fox squirrel'])
  })
  it('findLabel matches only a whole name', () => {
    expect(findLabel(LIST, 'Human')?.label).toBe('person')
    expect(findLabel(LIST, 'red')).toBeUndefined()
  })
})

describe('hotkeys', () => {
  it('assigns a label to one key only, moving it from its old key', () => {
    let keys = assignHotkey(emptyHotkeys(), 0, 'Red Fox')
    expect(keys[0]).toBe('red fox')
    keys = assignHotkey(keys, 4, 'red fox')
    expect(keys[0]).toBeNull()
    expect(keys[4]).toBe('red fox')
    expect(hotkeyOf(keys, 'RED FOX')).toBe('5')
    expect(hotkeyOf(keys, 'wolf')).toBeNull()
    expect(assignHotkey(keys, 4, null)[4]).toBeNull()
    expect(assignHotkey(keys, 9, 'wolf')).toBe(keys)
  })
  it('maps digits 1–9 without modifiers to the label on that key', () => {
    const keys = assignHotkey(assignHotkey(emptyHotkeys(), 0, 'red fox'), 8, 'blank')
    expect(labelForKey(keys, { key: '1' })).toBe('red fox')
    expect(labelForKey(keys, { key: '9' })).toBe('blank')
    expect(labelForKey(keys, { key: '2' })).toBeNull()
    expect(labelForKey(keys, { key: '0' })).toBeNull()
    expect(labelForKey(keys, { key: '1', ctrlKey: true })).toBeNull()
    expect(labelForKey(keys, { key: 'a' })).toBeNull()
  })
  it('reads stored hotkeys defensively', () => {
    expect(parseHotkeys(null)).toEqual(emptyHotkeys())
    expect(parseHotkeys('not json')).toEqual(emptyHotkeys())
    expect(parseHotkeys('{"a":1}')).toEqual(emptyHotkeys())
    const parsed = parseHotkeys(JSON.stringify(['Red Fox', 3, null, 'red fox', 'wolf', ...Array(10).fill('x')]))
    expect(parsed).toHaveLength(9)
    expect(parsed.slice(0, 5)).toEqual(['red fox', null, null, null, 'wolf'])
  })
  it('defaults to the most seen listed species', () => {
    const keys = defaultHotkeys(LIST, ['red fox', 'zebra', 'roe deer', 'red fox'])
    expect(keys.slice(0, 3)).toEqual(['red fox', 'roe deer', null])
    expect(normalizeLabel(' A  b ')).toBe('a b')
  })
})
