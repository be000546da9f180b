/**
 * The base map. VITE_TILE_URL picks the tile server at build time (a local tile cache for an
 * offline field station, or a commercial provider); "none" turns tiles off entirely.
 */
export const DEFAULT_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png'
export const DEFAULT_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'

export function tileConfig(env: Record<string, string | undefined> = import.meta.env) {
  const url = (env.VITE_TILE_URL ?? '').trim()
  if (url.toLowerCase() === 'none') return null
  return {
    url: url || DEFAULT_TILE_URL,
    attribution: (env.VITE_TILE_ATTRIBUTION ?? '').trim() || (url ? '' : DEFAULT_ATTRIBUTION),
  }
}

/** After this many failed tiles with none loaded, the map says the tiles are unavailable. */
export const TILE_FAILURES_BEFORE_NOTICE = 4
