/**
 * How an image's time is shown. About half of real camera-trap photos carry no EXIF capture time;
 * for those the upload time is shown, always labelled as the upload time, never passed off as the
 * moment the photo was taken.
 */
import { formatDateTime } from '@/lib/format'
import type { ImageSummary } from '@/lib/api/types'

type Timed = Pick<ImageSummary, 'captured_at' | 'capture_time_known' | 'uploaded_at' | 'received_at'>

export interface ShownTime {
  known: boolean
  /** The ISO time shown (capture time, or upload time when that is unknown). */
  at: string
  /** Short text for a card or a header line. */
  text: string
  /** The full explanation, for a tooltip or a screen reader. */
  description: string
}

/** When the file reached us: the upload time when the upload door recorded one, else the receive time. */
export function uploadTime(image: Pick<ImageSummary, 'uploaded_at' | 'received_at'>): string {
  return image.uploaded_at ?? image.received_at
}

export function shownTime(image: Timed): ShownTime {
  if (image.capture_time_known && image.captured_at) {
    const text = formatDateTime(image.captured_at)
    return { known: true, at: image.captured_at, text, description: `Captured ${text}` }
  }
  const uploaded = uploadTime(image)
  const text = formatDateTime(uploaded)
  return {
    known: false,
    at: uploaded,
    text: `Uploaded ${text}`,
    description: `Capture time unknown — uploaded ${text}`,
  }
}
