import { useCallback, useMemo, useSyncExternalStore } from 'react'

const EVENT = 'addax:stored-setting'
// Where values live when localStorage refuses them (private mode, full): they last for this page.
const memory = new Map<string, string>()

function readRaw(key: string): string | null {
  try {
    return window.localStorage.getItem(key) ?? memory.get(key) ?? null
  } catch {
    return memory.get(key) ?? null
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(EVENT, onChange)
  window.addEventListener('storage', onChange)
  return () => {
    window.removeEventListener(EVENT, onChange)
    window.removeEventListener('storage', onChange)
  }
}

/**
 * A setting kept in this browser (localStorage under `key`), shared live by every component that
 * reads the same key (and other tabs). `parse` turns the stored text (null when absent) into the
 * value; it must be pure and must not throw on bad input.
 */
export function useStoredSetting<T>(key: string, parse: (raw: string | null) => T): [T, (value: T) => void] {
  const raw = useSyncExternalStore(subscribe, () => readRaw(key), () => null)
  // eslint-disable-next-line react-hooks/exhaustive-deps -- parse is a pure function of the text
  const value = useMemo(() => parse(raw), [raw])
  const save = useCallback(
    (next: T) => {
      const text = JSON.stringify(next)
      memory.set(key, text)
      try {
        window.localStorage.setItem(key, text)
      } catch {
        // Kept in memory for this page.
      }
      window.dispatchEvent(new Event(EVENT))
    },
    [key],
  )
  return [value, save]
}
