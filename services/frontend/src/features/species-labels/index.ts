/** What other features use of the species list: the picker, the hotkeys and the list itself. */
export { useAddSpeciesLabel, useSpeciesLabels } from './api/labels'
export { HotkeySettings } from './components/HotkeySettings'
export { SpeciesPicker } from './components/SpeciesPicker'
export { useSpeciesHotkeys } from './hooks/useHotkeys'
export { defaultHotkeys, emptyHotkeys, hotkeyOf, labelForKey, searchLabels, type Hotkeys, type SpeciesLabel } from './labels'
