import { Link } from 'react-router'
import { formatDateTime, formatNumber, formatRelative } from '@/lib/format'
import type { MapCamera } from './CameraMap'

/** The content of a camera's map popup; rendered by React into Leaflet's popup (a portal), so text is escaped by React. */
export function CameraPopup({ camera: c, link, filtered }: { camera: MapCamera; link: string; filtered: boolean }) {
  return (
    <div className="camera-popup" data-testid="camera-popup">
      <p className="camera-popup__title">{c.name}</p>
      {c.site && <p className="camera-popup__site">{c.site}</p>}
      <dl>
        <div>
          <dt>Last image</dt>
          <dd title={formatDateTime(c.lastImageAt)}>{c.lastImageAt ? formatRelative(c.lastImageAt) : 'No images yet'}</dd>
        </div>
        <div>
          <dt>Total images</dt>
          <dd>{formatNumber(c.imageCount)}</dd>
        </div>
        {filtered && c.filteredCount != null && (
          <div>
            <dt>Matching filters</dt>
            <dd>{formatNumber(c.filteredCount)}</dd>
          </div>
        )}
        {c.battery != null && (
          <div>
            <dt>Battery</dt>
            <dd>{Math.round(c.battery)}%</dd>
          </div>
        )}
      </dl>
      <Link to={link} className="camera-popup__link">
        View images →
      </Link>
    </div>
  )
}
