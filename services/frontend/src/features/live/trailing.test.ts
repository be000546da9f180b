import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { trailing } from './trailing'

describe('trailing', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('runs once, the delay after the last poke of a burst', () => {
    const action = vi.fn()
    const settle = trailing(action, 6000)
    settle.poke()
    vi.advanceTimersByTime(4000)
    settle.poke()
    vi.advanceTimersByTime(5999)
    expect(action).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(action).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(60000)
    expect(action).toHaveBeenCalledTimes(1)
  })

  it('does nothing once cancelled', () => {
    const action = vi.fn()
    const settle = trailing(action, 100)
    settle.poke()
    settle.cancel()
    vi.advanceTimersByTime(1000)
    expect(action).not.toHaveBeenCalled()
  })
})
