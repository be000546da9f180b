/**
 * Keyboard shortcuts of the image detail page.
 *
 * Analysts review hundreds of images in a session, so the common actions are one key each.
 * Shortcuts never fire while the user is typing (inputs, selects, text areas, editable
 * content) or when a modifier is held (so browser shortcuts like Ctrl+R still work).
 */

export type ShortcutAction = 'previous' | 'next' | 'approve' | 'reject' | 'flag' | 'help' | 'close' | 'back' | 'species' | 'previous-frame' | 'next-frame'

export interface ShortcutDoc {
  keys: string[]
  action: ShortcutAction
  description: string
  /** Only for analysts and admins. */
  review?: boolean
}

export const SHORTCUTS: ShortcutDoc[] = [
  { keys: ['←'], action: 'previous', description: 'Previous image' },
  { keys: ['→'], action: 'next', description: 'Next image' },
  { keys: ['Shift', '←'], action: 'previous-frame', description: 'Previous frame of the sequence' },
  { keys: ['Shift', '→'], action: 'next-frame', description: 'Next frame of the sequence' },
  { keys: ['A'], action: 'approve', description: 'Approve image', review: true },
  { keys: ['R'], action: 'reject', description: 'Reject image', review: true },
  { keys: ['F'], action: 'flag', description: 'Flag for another look', review: true },
  { keys: ['1', '…', '9'], action: 'species', description: 'Set the species on that key (configure with “Hotkeys 1–9”)', review: true },
  { keys: ['?'], action: 'help', description: 'Show keyboard shortcuts' },
  { keys: ['Esc'], action: 'close', description: 'Close dialog' },
  { keys: ['G'], action: 'back', description: 'Back to the gallery' },
]

const KEYMAP: Record<string, ShortcutAction> = {
  ArrowLeft: 'previous',
  ArrowRight: 'next',
  a: 'approve',
  A: 'approve',
  r: 'reject',
  R: 'reject',
  f: 'flag',
  F: 'flag',
  '?': 'help',
  Escape: 'close',
  g: 'back',
  G: 'back',
}

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== 'string') return false
  const el = target as HTMLElement
  const tag = el.tagName.toLowerCase()
  if (tag === 'textarea' || tag === 'select') return true
  if (tag === 'input') {
    const type = ((el as HTMLInputElement).type || 'text').toLowerCase()
    // Checkboxes, radios and buttons don't take text; everything else does.
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(type)
  }
  return el.isContentEditable || el.getAttribute?.('contenteditable') === 'true'
}

type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'> & { repeat?: boolean; shiftKey?: boolean }

/** The action for a key press, or null when the key is not a shortcut here. */
export function resolveShortcut(event: KeyLike): ShortcutAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null
  if (isTypingTarget(event.target)) return null
  // Shift+arrows step through the frames of the image's sequence.
  if (event.shiftKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
    return event.key === 'ArrowLeft' ? 'previous-frame' : 'next-frame'
  }
  const action = KEYMAP[event.key] ?? null
  // Holding A must not approve twenty times; arrows may repeat to skim quickly.
  if (event.repeat && action && action !== 'previous' && action !== 'next') return null
  return action
}
