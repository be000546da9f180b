import { useEffect, useRef } from 'react'
import { resolveShortcut, type ShortcutAction } from '../keyboard'

/**
 * Calls `handler` for shortcut keys pressed anywhere on the page. The handler returns false for
 * an action it did not handle, so the key keeps its normal browser meaning.
 */
export function useKeyboardShortcuts(handler: (action: ShortcutAction) => boolean | void, enabled = true) {
  const ref = useRef(handler)
  useEffect(() => {
    ref.current = handler
  })
  useEffect(() => {
    if (!enabled) return
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return
      const action = resolveShortcut(event)
      if (!action) return
      if (ref.current(action) !== false) event.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [enabled])
}
