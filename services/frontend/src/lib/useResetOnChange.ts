import { useState } from 'react'

/**
 * Calls `reset` (which sets this component's own state) during render when `value` changes: React's
 * "adjusting state when a prop changes", one render instead of an effect that renders twice.
 */
export function useResetOnChange<T>(value: T, reset: (value: T) => void): void {
  const [seen, setSeen] = useState(value)
  if (!Object.is(seen, value)) {
    setSeen(value)
    reset(value)
  }
}
