import { useClientConfig } from '@/lib/api/config'
import type { MapConfig } from '@/lib/api/types'

/**
 * The base map. The tile server is a runtime setting of the platform (MAP_TILE_URL and
 * MAP_TILE_ATTRIBUTION, read from GET /api/config), so an offline field station can point the map
 * at a local tile server without rebuilding the app. A build-time VITE_TILE_URL still wins when
 * it is set ("none" turns tiles off); when /api/config cannot be read the map falls back to
 * OpenStreetMap, as before.
 */
export const DEFAULT_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png'
export const DEFAULT_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'

export interface TileConfig {
  url: string
  attribution: string
}

/**
 * What the map shows underneath the markers: `undefined` while the setting is still loading (no
 * tiles requested yet, no notice), `null` for no tiles, else the tile layer.
 */
export type TileChoice = TileConfig | null | undefined

/** The build-time override, or `undefined` when VITE_TILE_URL is not set. */
export function buildTimeTiles(env: Record<string, string | undefined> = import.meta.env): TileConfig | null | undefined {
  const url = (env.VITE_TILE_URL ?? '').trim()
  if (!url) return undefined
  if (url.toLowerCase() === 'none') return null
  return { url, attribution: (env.VITE_TILE_ATTRIBUTION ?? '').trim() }
}

/** The tiles to show, from the build-time override, else the API's setting, else OpenStreetMap. */
export function resolveTiles(
  config: { data?: MapConfig; failed: boolean },
  env: Record<string, string | undefined> = import.meta.env,
): TileChoice {
  const override = buildTimeTiles(env)
  if (override !== undefined) return override
  if (config.data) {
    const url = (config.data.tile_url ?? '').trim()
    return url ? { url, attribution: config.data.attribution.trim() } : null
  }
  if (config.failed) return { url: DEFAULT_TILE_URL, attribution: DEFAULT_ATTRIBUTION }
  return undefined
}

export function useTiles(env: Record<string, string | undefined> = import.meta.env): TileChoice {
  const config = useClientConfig(buildTimeTiles(env) === undefined)
  return resolveTiles({ data: config.data?.map, failed: config.isError }, env)
}

/** After this many failed tiles with none loaded, the map says the tiles are unavailable. */
export const TILE_FAILURES_BEFORE_NOTICE = 4
/**
 * ...and also when no tile has loaded after this long: a tile server that is unreachable without
 * a quick error (a dropped connection, a stalled proxy) can keep tiles pending for minutes.
 */
export const TILE_TIMEOUT_MS = 12_000

/**
 * Decides whether the "tiles unavailable" notice shows, from a tile layer's events: `loaded()` on
 * every `tileload`, `failed()` on every `tileerror`, `stop()` when the layer goes away. One loaded
 * tile hides the notice again (a slow server that comes back).
 */
export function tileHealth(
  onChange: (down: boolean) => void,
  { failuresBeforeNotice = TILE_FAILURES_BEFORE_NOTICE, timeoutMs = TILE_TIMEOUT_MS } = {},
) {
  let loaded = 0
  let failed = 0
  let down = false
  let stopped = false
  const set = (value: boolean) => {
    if (stopped || value === down) return
    down = value
    onChange(value)
  }
  const timer = setTimeout(() => {
    if (loaded === 0) set(true)
  }, timeoutMs)
  return {
    loaded() {
      loaded++
      set(false)
    },
    failed() {
      failed++
      if (loaded === 0 && failed >= failuresBeforeNotice) set(true)
    },
    stop() {
      stopped = true
      clearTimeout(timer)
    },
  }
}
