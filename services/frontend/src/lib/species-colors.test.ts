import { beforeEach, describe, expect, it } from 'vitest'
import { PALETTE, registerSpecies, resetSpeciesColors, speciesColor } from './species-colors'

beforeEach(() => resetSpeciesColors())

describe('species colours', () => {
  it('are the same for the same species however it is spelled', () => {
    expect(speciesColor('Red fox')).toBe(speciesColor('red_fox'))
    expect(speciesColor('red-fox')).toBe(speciesColor(' RED FOX '))
  })

  it('give every registered species its own colour while the palette lasts', () => {
    const species = ['wolf', 'badger', 'european hare', 'brown bear', 'red fox', 'roe deer', 'wild boar']
    registerSpecies(species)
    const colors = species.map(speciesColor)
    expect(new Set(colors).size).toBe(species.length)
    // alphabetical order decides, so every browser agrees
    expect(speciesColor('badger')).toBe(PALETTE[0])
    expect(speciesColor('brown bear')).toBe(PALETTE[1])
  })

  it('keep colours already handed out when new species appear', () => {
    registerSpecies(['wolf'])
    const wolf = speciesColor('wolf')
    registerSpecies(['aardvark', 'wolf'])
    expect(speciesColor('wolf')).toBe(wolf)
    expect(speciesColor('aardvark')).not.toBe(wolf)
  })

  it('use fixed colours for people and vehicles', () => {
    registerSpecies(['person', 'vehicle'])
    expect(speciesColor('person')).toBe('#ef4444')
    expect(speciesColor('vehicle')).toBe('#64748b')
  })
})
