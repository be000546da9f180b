/**
 * Geometry of detection boxes over an image shown with `object-fit: contain`.
 *
 * MegaDetector boxes are normalized `[x_min, y_min, width, height]` in 0..1 of the original
 * image. The image is letterboxed into its container (bars left/right or top/bottom), so a box
 * maps first into the letterboxed content rectangle, then into canvas pixels. All functions
 * here are pure so the drawing and the hover hit-testing agree exactly.
 */

export interface Size {
  width: number
  height: number
}
export interface Point {
  x: number
  y: number
}
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** Where an image of `image` size lands inside `container` with object-fit: contain (centred). */
export function containRect(container: Size, image: Size): Rect {
  if (container.width <= 0 || container.height <= 0 || image.width <= 0 || image.height <= 0) {
    return { x: 0, y: 0, width: 0, height: 0 }
  }
  const scale = Math.min(container.width / image.width, container.height / image.height)
  const width = image.width * scale
  const height = image.height * scale
  return { x: (container.width - width) / 2, y: (container.height - height) / 2, width, height }
}

/** Clamps a normalized box to the image (detectors can overshoot by a rounding error). */
export function clampBbox(bbox: readonly number[]): [number, number, number, number] {
  const [rx = 0, ry = 0, rw = 0, rh = 0] = bbox
  const x = Math.min(Math.max(rx, 0), 1)
  const y = Math.min(Math.max(ry, 0), 1)
  const w = Math.min(Math.max(rw, 0), 1 - x)
  const h = Math.min(Math.max(rh, 0), 1 - y)
  return [x, y, w, h]
}

/** A normalized MegaDetector bbox → a rectangle in container (CSS pixel) coordinates. */
export function bboxToRect(bbox: readonly number[], content: Rect): Rect {
  const [x, y, w, h] = clampBbox(bbox)
  return {
    x: content.x + x * content.width,
    y: content.y + y * content.height,
    width: w * content.width,
    height: h * content.height,
  }
}

/** Scales a CSS-pixel rectangle to device pixels (canvas backing store on HiDPI screens). */
export function scaleRect(rect: Rect, factor: number): Rect {
  return { x: rect.x * factor, y: rect.y * factor, width: rect.width * factor, height: rect.height * factor }
}

export function containsPoint(rect: Rect, p: Point, tolerance = 0): boolean {
  return (
    p.x >= rect.x - tolerance &&
    p.x <= rect.x + rect.width + tolerance &&
    p.y >= rect.y - tolerance &&
    p.y <= rect.y + rect.height + tolerance
  )
}

/**
 * The box under the pointer. When boxes overlap (an animal in front of another), the smallest
 * box that contains the point wins, because it is the most specific one — the big box would
 * otherwise swallow every small one inside it.
 */
export function hitTest<K>(point: Point, boxes: ReadonlyArray<{ key: K; rect: Rect }>, tolerance = 2): K | null {
  let best: { key: K; area: number } | null = null
  for (const box of boxes) {
    if (!containsPoint(box.rect, point, tolerance)) continue
    const area = box.rect.width * box.rect.height
    if (!best || area < best.area) best = { key: box.key, area }
  }
  return best ? best.key : null
}

/**
 * Top-left corner for a label of `label` size attached to a box: above the box's top-left
 * corner, or inside the box when there is no room above, shifted left to stay in view.
 */
export function labelPosition(rect: Rect, label: Size, container: Size): Point {
  let y = rect.y - label.height
  if (y < 0) y = rect.y
  let x = rect.x
  if (x + label.width > container.width) x = Math.max(0, container.width - label.width)
  return { x, y }
}
