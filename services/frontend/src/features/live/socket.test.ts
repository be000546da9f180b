import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { backoffDelay, DEFAULT_BACKOFF, ReconnectingSocket, type LiveEvent, type LiveStatus } from './socket'

/** A WebSocket double the test drives by hand: open, deliver messages, close with a code. */
class FakeWebSocket {
  static instances: FakeWebSocket[] = []
  onopen: ((ev: Event) => unknown) | null = null
  onclose: ((ev: CloseEvent) => unknown) | null = null
  onmessage: ((ev: MessageEvent) => unknown) | null = null
  onerror: ((ev: Event) => unknown) | null = null
  sent: string[] = []
  closed: { code?: number } | null = null
  constructor(public url: string) {
    FakeWebSocket.instances.push(this)
  }
  send(data: string) {
    this.sent.push(data)
  }
  close(code?: number) {
    this.closed = { code }
  }
  // --- server side ---
  serverOpen() {
    this.onopen?.(new Event('open'))
  }
  serverSend(message: object) {
    this.onmessage?.({ data: JSON.stringify(message) } as MessageEvent)
  }
  serverAccept() {
    this.serverOpen()
    this.serverSend({ type: 'connected', user_id: 1 })
  }
  serverClose(code: number) {
    this.onclose?.({ code } as CloseEvent)
  }
  static last() {
    return FakeWebSocket.instances[FakeWebSocket.instances.length - 1]
  }
}

function setup(overrides: Partial<ConstructorParameters<typeof ReconnectingSocket>[0]> = {}) {
  let token: string | null = 'token-1'
  const events: LiveEvent[] = []
  const statuses: LiveStatus[] = []
  const refreshToken = vi.fn(async () => {
    token = `token-${Number(token?.split('-')[1] ?? 0) + 1}`
    return token
  })
  const socket = new ReconnectingSocket({
    url: () => 'ws://test/api/updates',
    getToken: () => token,
    refreshToken,
    onEvent: (e) => events.push(e),
    onStatus: (s) => statuses.push(s),
    createSocket: (url) => new FakeWebSocket(url),
    random: () => 0.5, // no jitter: exact delays
    ...overrides,
  })
  return { socket, events, statuses, refreshToken, setToken: (t: string | null) => (token = t) }
}

/** Lets queued promise callbacks (token refresh) run. */
const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve()
}

beforeEach(() => {
  vi.useFakeTimers()
  FakeWebSocket.instances = []
})
afterEach(() => {
  vi.useRealTimers()
})

describe('backoffDelay', () => {
  it('doubles from 1 s and caps at 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((n) => backoffDelay(n))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000])
    expect(DEFAULT_BACKOFF.maxMs).toBe(30000)
  })
})

describe('ReconnectingSocket', () => {
  it('authenticates with the first message, not the URL, and is open once the server says connected', async () => {
    const { socket, statuses } = setup()
    socket.start()
    await flush()
    const ws = FakeWebSocket.last()
    expect(ws.url).toBe('ws://test/api/updates')
    expect(ws.url).not.toContain('token')
    expect(statuses).toEqual(['connecting'])
    ws.serverOpen()
    expect(JSON.parse(ws.sent[0])).toEqual({ type: 'auth', token: 'token-1' })
    expect(statuses).toEqual(['connecting'])
    ws.serverSend({ type: 'connected', user_id: 1 })
    expect(statuses).toEqual(['connecting', 'open'])
  })

  it('passes pipeline events on and swallows pings and junk', async () => {
    const { socket, events } = setup()
    socket.start()
    await flush()
    const ws = FakeWebSocket.last()
    ws.serverAccept()
    ws.serverSend({ type: 'ping' })
    ws.onmessage?.({ data: 'not json' } as MessageEvent)
    ws.serverSend({ type: 'image_ingested', image_id: 'abc', camera_id: 7 })
    expect(events).toEqual([{ type: 'image_ingested', image_id: 'abc', camera_id: 7 }])
  })

  it('reconnects with exponential backoff capped at 30 s while the server stays down', async () => {
    const { socket, statuses } = setup()
    socket.start()
    await flush()
    const expected = [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]
    for (const delay of expected) {
      FakeWebSocket.last().serverClose(1006)
      await flush()
      const before = FakeWebSocket.instances.length
      await vi.advanceTimersByTimeAsync(delay - 1)
      expect(FakeWebSocket.instances.length).toBe(before) // not yet
      await vi.advanceTimersByTimeAsync(1)
      await flush()
      expect(FakeWebSocket.instances.length).toBe(before + 1) // reconnected exactly on time
    }
    expect(socket.delays).toEqual(expected)
    expect(statuses).toEqual(['connecting', 'reconnecting'])
    socket.stop()
  })

  it('starts the backoff over after a successful connection', async () => {
    const { socket } = setup()
    socket.start()
    await flush()
    for (const delay of [1000, 2000, 4000]) {
      FakeWebSocket.last().serverClose(1006)
      await vi.advanceTimersByTimeAsync(delay)
      await flush()
    }
    expect(socket.delays).toEqual([1000, 2000, 4000])
    FakeWebSocket.last().serverAccept()
    expect(socket.currentStatus).toBe('open')
    FakeWebSocket.last().serverClose(1012) // server restart
    await flush()
    expect(socket.delays).toEqual([1000, 2000, 4000, 1000])
  })

  it('adds up to ±20 % jitter', async () => {
    const low = setup({ random: () => 0 })
    low.socket.start()
    await flush()
    FakeWebSocket.last().serverClose(1006)
    const high = setup({ random: () => 0.999999 })
    high.socket.start()
    await flush()
    FakeWebSocket.last().serverClose(1006)
    expect(low.socket.delays).toEqual([800])
    expect(high.socket.delays).toEqual([1200])
  })

  it('refreshes the token before reconnecting when the server closes for authentication (4401)', async () => {
    const { socket, refreshToken } = setup()
    socket.start()
    await flush()
    FakeWebSocket.last().serverAccept()
    FakeWebSocket.last().serverClose(4401) // token expired
    expect(refreshToken).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1000)
    await flush()
    expect(refreshToken).toHaveBeenCalledTimes(1)
    const ws = FakeWebSocket.last()
    ws.serverOpen()
    expect(JSON.parse(ws.sent[0]).token).toBe('token-2')
  })

  it('uses a token the session refreshed by itself instead of refreshing again', async () => {
    const { socket, refreshToken, setToken } = setup()
    socket.start()
    await flush()
    FakeWebSocket.last().serverAccept()
    setToken('token-from-timer') // the session's own refresh timer ran
    FakeWebSocket.last().serverClose(4401)
    await vi.advanceTimersByTimeAsync(1000)
    await flush()
    expect(refreshToken).not.toHaveBeenCalled()
    FakeWebSocket.last().serverOpen()
    expect(JSON.parse(FakeWebSocket.last().sent[0]).token).toBe('token-from-timer')
  })

  it('does not refresh the token after an ordinary network drop', async () => {
    const { socket, refreshToken } = setup()
    socket.start()
    await flush()
    FakeWebSocket.last().serverAccept()
    FakeWebSocket.last().serverClose(1006)
    await vi.advanceTimersByTimeAsync(1000)
    await flush()
    expect(refreshToken).not.toHaveBeenCalled()
    FakeWebSocket.last().serverOpen()
    expect(JSON.parse(FakeWebSocket.last().sent[0]).token).toBe('token-1')
  })

  it('gets a token first when there is none in memory', async () => {
    const { socket, refreshToken, setToken } = setup()
    setToken(null)
    socket.start()
    await flush()
    expect(refreshToken).toHaveBeenCalledTimes(1)
    expect(FakeWebSocket.instances).toHaveLength(1)
  })

  it('stays closed when the session is over (refresh gives no token)', async () => {
    const refreshToken = vi.fn(async () => null)
    const { socket, statuses } = setup({ refreshToken })
    socket.start()
    await flush()
    FakeWebSocket.last().serverAccept()
    FakeWebSocket.last().serverClose(4401)
    await vi.advanceTimersByTimeAsync(60_000)
    await flush()
    expect(FakeWebSocket.instances).toHaveLength(1)
    expect(statuses[statuses.length - 1]).toBe('closed')
  })

  it('keeps retrying with backoff while the refresh itself fails (network down)', async () => {
    let calls = 0
    const refreshToken = vi.fn(async () => {
      calls++
      if (calls < 3) throw new Error('offline')
      return 'token-new'
    })
    const { socket } = setup({ refreshToken })
    socket.start()
    await flush()
    FakeWebSocket.last().serverAccept()
    FakeWebSocket.last().serverClose(4401)
    await vi.advanceTimersByTimeAsync(1000) // refresh fails
    await flush()
    await vi.advanceTimersByTimeAsync(2000) // refresh fails again
    await flush()
    await vi.advanceTimersByTimeAsync(4000) // refresh works, reconnect
    await flush()
    expect(socket.delays).toEqual([1000, 2000, 4000])
    expect(FakeWebSocket.instances).toHaveLength(2)
    FakeWebSocket.last().serverOpen()
    expect(JSON.parse(FakeWebSocket.last().sent[0]).token).toBe('token-new')
  })

  it('stop() closes the socket and cancels any pending reconnect', async () => {
    const { socket } = setup()
    socket.start()
    await flush()
    const ws = FakeWebSocket.last()
    ws.serverAccept()
    ws.serverClose(1006)
    socket.stop()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(FakeWebSocket.instances).toHaveLength(1)
    expect(socket.currentStatus).toBe('closed')
  })

  it('treats a silent connection as dead once the server has been sending pings', async () => {
    const { socket } = setup({ idleTimeoutMs: 60_000 })
    socket.start()
    await flush()
    const ws = FakeWebSocket.last()
    ws.serverAccept()
    ws.serverSend({ type: 'ping' })
    ws.serverSend({ type: 'ping' })
    await vi.advanceTimersByTimeAsync(59_000)
    expect(ws.closed).toBeNull()
    await vi.advanceTimersByTimeAsync(1_000)
    expect(ws.closed).toEqual({ code: 4000 })
    await vi.advanceTimersByTimeAsync(1_000)
    await flush()
    expect(FakeWebSocket.instances).toHaveLength(2)
  })

  it('reconnectNow() skips the wait, for example when the browser comes back online', async () => {
    const { socket } = setup()
    socket.start()
    await flush()
    FakeWebSocket.last().serverClose(1006)
    FakeWebSocket.last().serverClose(1006) // ignored: that socket is gone
    expect(FakeWebSocket.instances).toHaveLength(1)
    socket.reconnectNow()
    await flush()
    expect(FakeWebSocket.instances).toHaveLength(2)
  })
})
