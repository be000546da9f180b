/** What other features may use of the map: a small map to place a point by clicking. */
export { LocationPicker } from './components/LocationPicker'
