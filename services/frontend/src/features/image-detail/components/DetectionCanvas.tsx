import { useCallback, useEffect, useLayoutEffect, useRef, useState, type MouseEvent } from 'react'
import { ImageOff } from 'lucide-react'
import { Spinner } from '@/components/Spinner'
import { formatPercent } from '@/lib/format'
import { useSpeciesColorVersion } from '@/lib/species-colors'
import { useResetOnChange } from '@/lib/useResetOnChange'
import type { Detection } from '@/lib/api/types'
import { bboxToRect, containRect, hitTest, labelPosition, type Rect, type Size } from '../geometry'
import { detectionColor, detectionDisplayName, detectionScore } from '../detections'

interface Props {
  imageId: string
  src: string | null
  placeholder?: string | null
  naturalSize: Size | null
  detections: Detection[]
  highlighted: number | null
  onHighlight: (id: number | null) => void
  alt: string
}

function textColorFor(hex: string): string {
  const n = parseInt(hex.slice(1), 16)
  const lum = (0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255)) / 255
  return lum > 0.6 ? '#1c1917' : '#ffffff'
}

/**
 * The photo with its detection boxes drawn on a canvas laid exactly over it. The image is
 * shown with object-fit: contain, so boxes go through the same letterbox geometry
 * (`containRect` → `bboxToRect`) that hover hit-testing uses.
 */
export function DetectionCanvas({ imageId, src, placeholder, naturalSize, detections, highlighted, onHighlight, alt }: Props) {
  const containerRef = useRef<HTMLDivElement>(null)
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const [container, setContainer] = useState<Size>({ width: 0, height: 0 })
  const [natural, setNatural] = useState<Size | null>(naturalSize)
  const [hovered, setHovered] = useState<number | null>(null)
  const colorVersion = useSpeciesColorVersion()
  const [status, setStatus] = useState<'loading' | 'loaded' | 'error'>(src ? 'loading' : 'error')

  useResetOnChange(src, (value) => setStatus(value ? 'loading' : 'error'))
  useResetOnChange(naturalSize, (value) => {
    if (value) setNatural(value)
  })

  useLayoutEffect(() => {
    const el = containerRef.current
    if (!el) return
    const measure = () => setContainer({ width: el.clientWidth, height: el.clientHeight })
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    return () => observer.disconnect()
  }, [])

  const content = natural ? containRect(container, natural) : null
  const boxes: { key: number; rect: Rect; detection: Detection }[] = content
    ? detections.map((d) => ({ key: d.id, rect: bboxToRect(d.bbox, content), detection: d }))
    : []

  const draw = useCallback(() => {
    const canvas = canvasRef.current
    if (!canvas) return
    const dpr = window.devicePixelRatio || 1
    const width = Math.round(container.width * dpr)
    const height = Math.round(container.height * dpr)
    if (canvas.width !== width) canvas.width = width
    if (canvas.height !== height) canvas.height = height
    const ctx = canvas.getContext('2d')
    if (!ctx) return
    ctx.setTransform(1, 0, 0, 1, 0, 0)
    ctx.clearRect(0, 0, width, height)
    if (status !== 'loaded' && !placeholder) return
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
    const focus = hovered ?? highlighted
    // Draw the focused box last so it sits on top of any overlapping one.
    const ordered = [...boxes].sort((a, b) => Number(a.key === focus) - Number(b.key === focus))
    for (const { key, rect, detection } of ordered) {
      const color = detectionColor(detection)
      const active = key === focus
      const line = active ? 3 : 2
      // A dark halo keeps thin coloured lines readable on bright and infrared photos alike.
      ctx.lineJoin = 'round'
      ctx.strokeStyle = 'rgba(0,0,0,0.45)'
      ctx.lineWidth = line + 2
      ctx.strokeRect(rect.x, rect.y, rect.width, rect.height)
      ctx.strokeStyle = color
      ctx.lineWidth = line
      ctx.strokeRect(rect.x, rect.y, rect.width, rect.height)
      if (active) {
        ctx.fillStyle = `${color}22`
        ctx.fillRect(rect.x, rect.y, rect.width, rect.height)
      }
    }
    const focused = boxes.find((b) => b.key === focus)
    if (focused) {
      const { rect, detection } = focused
      const color = detectionColor(detection)
      const score = detectionScore(detection)
      const text = `${detectionDisplayName(detection)}${score != null ? `  ${formatPercent(score)}` : ''}`
      ctx.font = '600 12px "Inter Variable", Inter, system-ui, sans-serif'
      const padX = 7
      const labelSize = { width: ctx.measureText(text).width + padX * 2, height: 22 }
      const pos = labelPosition(rect, labelSize, container)
      ctx.fillStyle = color
      ctx.beginPath()
      ctx.roundRect(pos.x, pos.y, labelSize.width, labelSize.height, 5)
      ctx.fill()
      ctx.fillStyle = textColorFor(color)
      ctx.textBaseline = 'middle'
      ctx.fillText(text, pos.x + padX, pos.y + labelSize.height / 2 + 0.5)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [container, natural, detections, hovered, highlighted, status, placeholder, colorVersion])

  useEffect(() => {
    draw()
  }, [draw])

  const pointAt = (event: MouseEvent<HTMLCanvasElement>) => {
    const r = event.currentTarget.getBoundingClientRect()
    return { x: event.clientX - r.left, y: event.clientY - r.top }
  }

  return (
    <div
      ref={containerRef}
      // Phones: as tall as the photo needs (no black bars); larger screens: a fixed stage.
      className="relative max-h-[75vh] min-h-[200px] w-full overflow-hidden rounded-xl bg-stone-900 sm:h-[64vh] sm:max-h-none sm:min-h-[280px]"
      style={{ aspectRatio: natural ? `${natural.width} / ${natural.height}` : '4 / 3' }}
      data-testid="image-stage"
      data-image-id={imageId}
    >
      {placeholder && status !== 'loaded' && (
        <img src={placeholder} alt="" aria-hidden className="absolute inset-0 h-full w-full object-contain opacity-70 blur-sm" />
      )}
      {src && status !== 'error' && (
        <img
          src={src}
          alt={alt}
          className="absolute inset-0 h-full w-full object-contain"
          onLoad={(e) => {
            const img = e.currentTarget
            setNatural({ width: img.naturalWidth, height: img.naturalHeight })
            setStatus('loaded')
          }}
          onError={() => setStatus('error')}
          data-testid="detail-image"
        />
      )}
      <canvas
        ref={canvasRef}
        data-testid="detection-canvas"
        data-ready={status === 'loaded' && content ? 'true' : 'false'}
        data-boxes={JSON.stringify(
          boxes.map((b) => ({ id: b.key, color: detectionColor(b.detection), ...b.rect })),
        )}
        className="absolute inset-0 h-full w-full"
        style={{ cursor: hovered != null ? 'pointer' : 'default' }}
        role="img"
        aria-label={
          detections.length
            ? `${detections.length} detection${detections.length === 1 ? '' : 's'}: ${detections.map(detectionDisplayName).join(', ')}`
            : 'No detections'
        }
        onPointerMove={(e) => setHovered(hitTest(pointAt(e), boxes))}
        onPointerLeave={() => setHovered(null)}
        onClick={(e) => {
          const key = hitTest(pointAt(e), boxes)
          onHighlight(key === highlighted ? null : key)
        }}
      />
      {status === 'loading' && (
        <div className="absolute inset-0 flex items-center justify-center">
          <Spinner className="h-7 w-7 text-white/80" label="Loading image" />
        </div>
      )}
      {status === 'error' && (
        <div className="absolute inset-0 flex flex-col items-center justify-center gap-2 text-stone-500">
          <ImageOff className="h-8 w-8" aria-hidden />
          <p className="text-sm">The original image could not be loaded.</p>
        </div>
      )}
    </div>
  )
}
