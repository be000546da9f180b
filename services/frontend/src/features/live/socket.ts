/**
 * A WebSocket to the API's `/api/updates` that keeps itself connected.
 *
 * - Reconnects after any drop with exponential backoff (1 s, 2 s, 4 s … capped at 30 s, with a
 *   little jitter so a hundred browsers don't reconnect in lockstep after an API restart).
 * - The backoff starts over once a connection has opened.
 * - Browsers cannot set headers on a WebSocket, so the access token is sent as the first message
 *   (`{"type":"auth","token":…}`) rather than in the URL, where it would end up in proxy and
 *   server access logs. The connection counts as open once the server answers `connected`.
 * - When the server closes for authentication (code 4401/4403/1008: token missing, invalid or
 *   expired), the token is refreshed through the httpOnly cookie before the next attempt; if
 *   the refresh fails the user is signed out and the socket stays closed.
 * - Server pings are answered by nothing; they only prove the line is alive. Once pings have
 *   been seen, silence for `idleTimeoutMs` counts as a dead connection (NAT/proxy drops).
 */

export type LiveStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed'

export interface LiveEvent {
  type: string
  image_id?: string | null
  camera_id?: number | null
  project_id?: number | null
  camera_name?: string | null
  time?: string
  [key: string]: unknown
}

export interface BackoffOptions {
  initialMs: number
  maxMs: number
  factor: number
  /** ± fraction of the delay added at random. */
  jitter: number
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1000, maxMs: 30_000, factor: 2, jitter: 0.2 }

/** Delay before reconnect attempt number `attempt` (0-based), before jitter. */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  return Math.min(options.maxMs, options.initialMs * Math.pow(options.factor, Math.max(0, attempt)))
}

export const AUTH_CLOSE_CODES = new Set([4401, 4403, 1008])

type SocketLike = Pick<WebSocket, 'close' | 'send'> & {
  onopen: ((ev: Event) => unknown) | null
  onclose: ((ev: CloseEvent) => unknown) | null
  onmessage: ((ev: MessageEvent) => unknown) | null
  onerror: ((ev: Event) => unknown) | null
}
export type SocketFactory = (url: string) => SocketLike

export interface ReconnectingSocketOptions {
  /** The WebSocket URL (without credentials). */
  url: () => string
  getToken: () => string | null
  /** Refreshes the access token; resolves to null when the session is over. */
  refreshToken: () => Promise<string | null>
  onEvent: (event: LiveEvent) => void
  onStatus?: (status: LiveStatus) => void
  createSocket?: SocketFactory
  backoff?: Partial<BackoffOptions>
  random?: () => number
  idleTimeoutMs?: number
}

export class ReconnectingSocket {
  private socket: SocketLike | null = null
  private attempt = 0
  private timer: ReturnType<typeof setTimeout> | null = null
  private idleTimer: ReturnType<typeof setTimeout> | null = null
  private stopped = true
  private opened = false
  private sawPing = false
  private needsRefresh = false
  private lastToken: string | null = null
  private status: LiveStatus = 'idle'
  private readonly backoff: BackoffOptions
  /** Delays used so far, for diagnostics and tests. */
  readonly delays: number[] = []

  constructor(private readonly options: ReconnectingSocketOptions) {
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff }
  }

  get currentStatus(): LiveStatus {
    return this.status
  }

  start(): void {
    if (!this.stopped) return
    this.stopped = false
    this.attempt = 0
    void this.connect()
  }

  stop(): void {
    this.stopped = true
    this.clearTimers()
    const socket = this.socket
    this.socket = null
    if (socket) {
      socket.onclose = null
      socket.onmessage = null
      socket.onerror = null
      socket.onopen = null
      try {
        socket.close(1000, 'client closing')
      } catch {
        /* already closed */
      }
    }
    this.setStatus('closed')
  }

  /** Reconnects now (for example when the browser reports it is back online). */
  reconnectNow(): void {
    if (this.stopped || this.status === 'open' || this.status === 'connecting') return
    this.clearTimers()
    void this.connect()
  }

  private setStatus(status: LiveStatus) {
    if (status === this.status) return
    this.status = status
    this.options.onStatus?.(status)
  }

  private clearTimers() {
    if (this.timer) clearTimeout(this.timer)
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.timer = null
    this.idleTimer = null
  }

  private async connect(): Promise<void> {
    if (this.stopped) return
    this.setStatus(this.attempt === 0 && !this.opened ? 'connecting' : 'reconnecting')
    // After an auth close, a token that changed meanwhile (the session refreshed itself) is
    // fresh enough; only the very token the server refused needs replacing.
    const current = this.options.getToken()
    let token = this.needsRefresh && current === this.lastToken ? null : current
    if (!token) {
      try {
        token = await this.options.refreshToken()
      } catch {
        // Network down: try again later with the normal backoff.
        this.scheduleReconnect()
        return
      }
      if (this.stopped) return
      if (!token) {
        this.stop()
        return
      }
    }
    this.needsRefresh = false
    this.lastToken = token
    const create: SocketFactory = this.options.createSocket ?? ((url) => new WebSocket(url))
    let socket: SocketLike
    try {
      socket = create(this.options.url())
    } catch {
      this.scheduleReconnect()
      return
    }
    this.socket = socket
    const authToken = token
    socket.onopen = () => {
      try {
        socket.send(JSON.stringify({ type: 'auth', token: authToken }))
      } catch {
        /* the close event follows */
      }
    }
    socket.onmessage = (message) => {
      this.touchIdle()
      let event: LiveEvent
      try {
        event = JSON.parse(String(message.data)) as LiveEvent
      } catch {
        return
      }
      if (!event || typeof event.type !== 'string') return
      if (event.type === 'ping') {
        this.sawPing = true
        return
      }
      if (event.type === 'connected') {
        this.opened = true
        this.attempt = 0 // success: the next drop starts the backoff from the beginning
        this.setStatus('open')
        return
      }
      this.options.onEvent(event)
    }
    socket.onerror = () => {
      /* the close event follows and handles the retry */
    }
    socket.onclose = (event) => {
      if (this.socket !== socket) return
      this.socket = null
      if (this.idleTimer) clearTimeout(this.idleTimer)
      if (this.stopped) return
      if (AUTH_CLOSE_CODES.has(event.code)) this.needsRefresh = true
      this.scheduleReconnect()
    }
  }

  private touchIdle() {
    if (!this.sawPing || !this.options.idleTimeoutMs) return
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = setTimeout(() => {
      // No ping for too long: the connection is dead even if the browser has not noticed.
      const socket = this.socket
      if (socket) {
        this.socket = null
        socket.onclose = null
        try {
          socket.close(4000, 'idle')
        } catch {
          /* ignore */
        }
        this.scheduleReconnect()
      }
    }, this.options.idleTimeoutMs)
  }

  private scheduleReconnect() {
    if (this.stopped) return
    this.setStatus('reconnecting')
    const base = backoffDelay(this.attempt, this.backoff)
    const random = this.options.random ?? Math.random
    const delay = Math.max(0, Math.round(base * (1 + this.backoff.jitter * (random() * 2 - 1))))
    this.delays.push(delay)
    this.attempt++
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = null
      void this.connect()
    }, delay)
  }
}
