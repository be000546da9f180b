/**
 * A point clicked on a map, as the coordinates a form stores: longitude brought back into
 * −180..180 (a map that wraps around the world reports 200° for 160° W) and both rounded to five
 * decimals (about a metre: finer than a handheld GPS, and short enough to read back).
 */
export function pickedPoint(lat: number, lng: number): { lat: number; lon: number } {
  const round = (n: number) => Math.round(n * 1e5) / 1e5
  const wrapped = ((((lng + 180) % 360) + 360) % 360) - 180
  return { lat: round(Math.max(-90, Math.min(90, lat))), lon: round(wrapped === -180 && lng > 0 ? 180 : wrapped) }
}
