/** What other features may use of the map: the base-map tile setting (the alert area editor draws on it too). */
export { useTiles } from './tiles'
