import { fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { isTypingTarget, resolveShortcut, SHORTCUTS } from './keyboard'
import { useKeyboardShortcuts } from './hooks/useKeyboardShortcuts'

const key = (k: string, extra: Partial<KeyboardEvent> = {}) =>
  ({ key: k, ctrlKey: false, metaKey: false, altKey: false, target: document.body, repeat: false, ...extra }) as KeyboardEvent

describe('resolveShortcut', () => {
  it.each([
    ['ArrowLeft', 'previous'],
    ['ArrowRight', 'next'],
    ['a', 'approve'],
    ['A', 'approve'],
    ['r', 'reject'],
    ['R', 'reject'],
    ['f', 'flag'],
    ['F', 'flag'],
    ['?', 'help'],
    ['Escape', 'close'],
    ['g', 'back'],
  ])('%s → %s', (k, action) => {
    expect(resolveShortcut(key(k))).toBe(action)
  })

  it('steps through sequence frames with Shift+arrows (repeatable)', () => {
    expect(resolveShortcut(key('ArrowLeft', { shiftKey: true }))).toBe('previous-frame')
    expect(resolveShortcut(key('ArrowRight', { shiftKey: true, repeat: true }))).toBe('next-frame')
    expect(resolveShortcut(key('ArrowRight', { shiftKey: true, ctrlKey: true }))).toBeNull()
  })

  it('ignores other keys', () => {
    for (const k of ['b', 'x', 'Enter', ' ', 'ArrowUp', '1']) expect(resolveShortcut(key(k))).toBeNull()
  })

  it('leaves browser shortcuts alone (Ctrl+R reloads, Cmd+F finds, Alt+← goes back)', () => {
    expect(resolveShortcut(key('r', { ctrlKey: true }))).toBeNull()
    expect(resolveShortcut(key('f', { metaKey: true }))).toBeNull()
    expect(resolveShortcut(key('ArrowLeft', { altKey: true }))).toBeNull()
  })

  it('ignores keys typed into text fields, selects, text areas and editable content', () => {
    const input = document.createElement('input')
    const search = Object.assign(document.createElement('input'), { type: 'search' })
    const textarea = document.createElement('textarea')
    const select = document.createElement('select')
    const editable = document.createElement('div')
    editable.setAttribute('contenteditable', 'true')
    for (const target of [input, search, textarea, select, editable]) {
      expect(resolveShortcut(key('a', { target }))).toBeNull()
      expect(resolveShortcut(key('ArrowRight', { target }))).toBeNull()
    }
  })

  it('still works when focus is on a checkbox or a button', () => {
    const checkbox = Object.assign(document.createElement('input'), { type: 'checkbox' })
    const button = document.createElement('button')
    expect(isTypingTarget(checkbox)).toBe(false)
    expect(resolveShortcut(key('a', { target: checkbox }))).toBe('approve')
    expect(resolveShortcut(key('f', { target: button }))).toBe('flag')
  })

  it('does not repeat review actions while a key is held, but lets arrows repeat', () => {
    expect(resolveShortcut(key('a', { repeat: true }))).toBeNull()
    expect(resolveShortcut(key('ArrowRight', { repeat: true }))).toBe('next')
  })

  it('documents every action it handles', () => {
    const documented = new Set(SHORTCUTS.map((s) => s.action))
    for (const k of ['ArrowLeft', 'ArrowRight', 'a', 'r', 'f', '?', 'Escape', 'g']) {
      expect(documented.has(resolveShortcut(key(k))!)).toBe(true)
    }
  })
})

function Harness({ onAction }: { onAction: (a: string) => void }) {
  const [note, setNote] = useState('')
  useKeyboardShortcuts((action) => {
    onAction(action)
  })
  return (
    <div>
      <label>
        Note <input value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="button">Somewhere</button>
    </div>
  )
}

describe('useKeyboardShortcuts', () => {
  it('calls the handler for shortcuts pressed on the page and prevents the default', () => {
    const onAction = vi.fn()
    render(<Harness onAction={onAction} />)
    const event = new KeyboardEvent('keydown', { key: 'a', bubbles: true, cancelable: true })
    window.dispatchEvent(event)
    fireEvent.keyDown(screen.getByRole('button', { name: 'Somewhere' }), { key: 'ArrowRight' })
    expect(onAction.mock.calls.map((c) => c[0])).toEqual(['approve', 'next'])
    expect(event.defaultPrevented).toBe(true)
  })

  it('does nothing while the user types in an input', () => {
    const onAction = vi.fn()
    render(<Harness onAction={onAction} />)
    const input = screen.getByLabelText('Note')
    fireEvent.keyDown(input, { key: 'a' })
    fireEvent.keyDown(input, { key: 'r' })
    fireEvent.keyDown(input, { key: 'ArrowLeft' })
    expect(onAction).not.toHaveBeenCalled()
  })

  it('stops listening when unmounted', () => {
    const onAction = vi.fn()
    const { unmount } = render(<Harness onAction={onAction} />)
    unmount()
    fireEvent.keyDown(window, { key: 'a' })
    expect(onAction).not.toHaveBeenCalled()
  })
})
