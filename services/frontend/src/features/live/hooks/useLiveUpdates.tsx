import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { useToast } from '@/components/Toasts'
import { getAccessToken, refreshSession } from '@/lib/api/session'
import type { CameraCollection } from '@/lib/api/types'
import { useAuth } from '@/features/auth'
import { projectPath, useProjectContext } from '@/lib/project'
import { ReconnectingSocket, type LiveEvent, type LiveStatus } from '../socket'
import { isForProject, overflowToast, queriesForEvent, toastForEvent } from '../messages'

interface LiveContextValue {
  status: LiveStatus
  lastEvent: LiveEvent | null
}

const LiveContext = createContext<LiveContextValue>({ status: 'idle', lastEvent: null })

export function updatesUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${location.host}/api/updates`
}

/** Most toasts one burst may show; the rest are summed up in one line. */
const TOAST_BURST = 3
const FLUSH_MS = 400

/**
 * Keeps one live connection while signed in: shows toasts for new images and species, and marks
 * the affected queries stale so open pages refresh themselves without a reload. Events that
 * arrive together (a camera uploading a burst) are batched: one refresh, at most a few toasts.
 */
export function LiveUpdatesProvider({ children }: { children: ReactNode }) {
  const { state } = useAuth()
  const queryClient = useQueryClient()
  const { push } = useToast()
  const [status, setStatus] = useState<LiveStatus>('idle')
  const [lastEvent, setLastEvent] = useState<LiveEvent | null>(null)
  const pending = useRef<LiveEvent[]>([])
  const flushTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const signedIn = state.status === 'authenticated'
  // The socket outlives a project switch; the flush reads the project on screen at that moment.
  const { project } = useProjectContext()
  const current = useRef(project)
  useEffect(() => {
    current.current = project
  }, [project])

  useEffect(() => {
    if (!signedIn) return
    const flush = () => {
      flushTimer.current = null
      const events = pending.current
      pending.current = []
      const keys = new Map<string, string[]>()
      for (const event of events) for (const key of queriesForEvent(event)) keys.set(key.join('\u0000'), key)
      for (const key of keys.values()) void queryClient.invalidateQueries({ queryKey: key })
      // Events carry camera_name; the cached camera list covers events that don't.
      const shown = current.current
      const cached = shown ? queryClient.getQueryData<CameraCollection>(['cameras', shown.slug]) : undefined
      const cameraNames = new Map<number, string>((cached?.features ?? []).map((f) => [f.properties.id, f.properties.name]))
      const base = shown ? projectPath(shown.slug, '').replace(/\/$/, '') : ''
      const toasts = events
        .filter((e) => isForProject(e, shown?.id))
        .map((e) => toastForEvent(e, cameraNames, base))
        .filter((t) => t !== null)
      // Every fired alert gets its toast; only the routine updates of a burst are summed up.
      const alerts = toasts.filter((t) => t.tone === 'alert')
      const routine = toasts.filter((t) => t.tone !== 'alert')
      routine.slice(0, TOAST_BURST).forEach((t) => push(t))
      if (routine.length > TOAST_BURST) {
        push(overflowToast(routine.length - TOAST_BURST))
      }
      alerts.forEach((t) => push(t))
    }
    const socket = new ReconnectingSocket({
      url: () => updatesUrl(),
      getToken: getAccessToken,
      refreshToken: async () => (await refreshSession())?.access_token ?? null,
      onStatus: setStatus,
      idleTimeoutMs: 90_000,
      onEvent: (event) => {
        setLastEvent(event)
        pending.current.push(event)
        if (!flushTimer.current) flushTimer.current = setTimeout(flush, FLUSH_MS)
      },
    })
    socket.start()
    const online = () => socket.reconnectNow()
    window.addEventListener('online', online)
    return () => {
      window.removeEventListener('online', online)
      socket.stop()
      if (flushTimer.current) clearTimeout(flushTimer.current)
      flushTimer.current = null
      pending.current = []
      setStatus('idle')
    }
  }, [signedIn, queryClient, push])

  return <LiveContext.Provider value={{ status, lastEvent }}>{children}</LiveContext.Provider>
}

export function useLiveStatus(): LiveContextValue {
  return useContext(LiveContext)
}
