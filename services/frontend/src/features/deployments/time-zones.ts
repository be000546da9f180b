/**
 * The IANA time zones a deployment can be in, and what a typed search means: the field is a searchable
 * list (type "nairobi", pick "Africa/Nairobi"), and what is typed must end up as one of these names,
 * the same list the API checks against.
 */
export function timeZoneNames(current?: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  const names = new Set([...known, 'UTC'])
  if (current && resolveIn(names, current) === null) names.add(current)
  return [...names].sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)))
}

const KEY = (text: string) => text.trim().toLowerCase().replace(/[\s_]+/g, '_')

function resolveIn(names: Iterable<string>, text: string): string | null {
  const key = KEY(text)
  if (!key) return null
  const list = [...names]
  const exact = list.find((n) => n === text.trim()) ?? list.find((n) => n.toLowerCase() === key)
  if (exact) return exact
  // A city alone ("new york", "nairobi") names its zone when exactly one zone ends with it.
  const byCity = list.filter((n) => n.toLowerCase().endsWith(`/${key}`))
  return byCity.length === 1 ? byCity[0] : null
}

/** The zone a typed text names (exact, any case, or a unique city), or null when it names none. */
export function resolveTimeZone(text: string, names: Iterable<string> = timeZoneNames()): string | null {
  return resolveIn(names, text)
}
