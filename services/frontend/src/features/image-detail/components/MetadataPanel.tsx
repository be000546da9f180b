import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { Camera, MapPin } from 'lucide-react'
import { CaptureTimeUnknownBadge } from '@/components/CaptureTimeUnknownBadge'
import { ImageStatusBadge, ReviewStatusBadge } from '@/components/StatusBadges'
import { shownTime, uploadTime } from '@/lib/capture-time'
import { formatDateTime, formatNumber } from '@/lib/format'
import type { ImageDetail } from '@/lib/api/types'
import { useProjectPath } from '@/lib/project'

export function formatSeconds(seconds: number | null | undefined): string | null {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return null
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`
  return `${(seconds / 3600).toFixed(1)} h`
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[7.5rem_1fr] gap-3 py-1.5 text-sm">
      <dt className="text-stone-500">{label}</dt>
      <dd className="min-w-0 break-words text-stone-800">{children}</dd>
    </div>
  )
}

export function MetadataPanel({ image }: { image: ImageDetail }) {
  const location = image.camera?.location ?? image.gps
  const to = useProjectPath()
  const d = image.durations
  const stages: { label: string; at: string | null | undefined; took?: string | null }[] = [
    { label: 'Uploaded', at: image.uploaded_at },
    { label: 'Received', at: image.received_at, took: formatSeconds(d?.upload_to_received) },
    { label: 'Detection started', at: image.detection_started_at, took: formatSeconds(d?.waiting_for_detection) },
    { label: 'Detected', at: image.detected_at, took: formatSeconds(d?.detection) },
    { label: 'Classification started', at: image.classification_started_at, took: formatSeconds(d?.waiting_for_classification) },
    { label: 'Completed', at: image.completed_at, took: formatSeconds(d?.classification) },
  ]
  if (image.failed_at) stages.push({ label: 'Failed', at: image.failed_at })

  return (
    <div className="space-y-5 px-5 py-4">
      <dl>
        <Row label="Camera">
          {image.camera ? (
            <Link
              to={to(`/gallery?camera_id=${image.camera.id}`)}
              className="inline-flex items-center gap-1.5 font-medium text-forest-700 hover:underline"
            >
              <Camera className="h-3.5 w-3.5" aria-hidden />
              {image.camera.name}
            </Link>
          ) : (
            <span className="text-stone-500">Unassigned camera</span>
          )}
        </Row>
        <Row label="Location">
          {location ? (
            <span className="inline-flex items-center gap-1.5 tabular-nums">
              <MapPin className="h-3.5 w-3.5 text-stone-500" aria-hidden />
              {location.lat.toFixed(5)}, {location.lon.toFixed(5)}
            </span>
          ) : (
            <span className="text-stone-500">Unknown</span>
          )}
        </Row>
        <Row label="Captured">
          {image.capture_time_known ? (
            formatDateTime(image.captured_at)
          ) : (
            <CaptureTimeUnknownBadge description={shownTime(image).description} />
          )}
        </Row>
        {image.capture_time_known && image.exif_captured_at && image.exif_captured_at !== image.captured_at && (
          <Row label="Camera clock">{formatDateTime(image.exif_captured_at)}</Row>
        )}
        <Row label="Upload time">{formatDateTime(uploadTime(image))}</Row>
        <Row label="Status">
          <span className="flex flex-wrap gap-1.5">
            <ImageStatusBadge status={image.status} />
            <ReviewStatusBadge status={image.review_status} />
          </span>
        </Row>
        {image.reviewed_at && (
          <Row label="Reviewed">
            {formatDateTime(image.reviewed_at)}
            {image.reviewed_by_email && <span className="block text-xs text-stone-500">by {image.reviewed_by_email}</span>}
          </Row>
        )}
        {image.error && (
          <Row label="Error">
            <span className="text-red-700">{image.error}</span>
          </Row>
        )}
        <Row label="File">
          <span className="font-mono text-xs">{image.original_filename}</span>
          <span className="block text-xs text-stone-500">
            {image.width && image.height ? `${image.width} × ${image.height} px · ` : ''}
            {formatNumber(Math.round((image.file_size ?? 0) / 1024))} KB
          </span>
        </Row>
        {(image.camera_make || image.camera_model) && (
          <Row label="Device">
            {[image.camera_make, image.camera_model].filter(Boolean).join(' ')}
            {image.camera_serial && <span className="block text-xs text-stone-500">Serial {image.camera_serial}</span>}
          </Row>
        )}
      </dl>

      <div>
        <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-stone-500">Processing timeline</h3>
        <ol className="relative ml-1.5 border-l border-stone-200" aria-label="Processing timeline">
          {stages.map((stage) => (
            <li key={stage.label} className="relative pb-2.5 pl-4 last:pb-0">
              <span
                className={`absolute -left-[5px] top-1.5 h-2.5 w-2.5 rounded-full ring-2 ring-white ${stage.at ? (stage.label === 'Failed' ? 'bg-red-500' : 'bg-forest-500') : 'bg-stone-300'}`}
                aria-hidden
              />
              <div className="flex items-baseline justify-between gap-2 text-sm">
                <span className={stage.at ? 'text-stone-800' : 'text-stone-500'}>{stage.label}</span>
                {stage.took && <span className="text-xs tabular-nums text-stone-500">+{stage.took}</span>}
              </div>
              {stage.at && <p className="text-xs tabular-nums text-stone-500">{formatDateTime(stage.at)}</p>}
            </li>
          ))}
        </ol>
        {d?.total != null && (
          <p className="mt-3 text-xs text-stone-500">
            Total pipeline time <span className="font-semibold text-stone-700">{formatSeconds(d.total)}</span>
          </p>
        )}
      </div>
    </div>
  )
}
