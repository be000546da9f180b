/**
 * What other features may use of the map: the base-map tile setting (the alert area editor draws on
 * it too) and a small map to place a point by clicking (the deployment form).
 */
export { LocationPicker } from './components/LocationPicker'
export { useTiles } from './tiles'
