import { describe, expect, it } from 'vitest'
import { counts, folderName, isHidden, plan, type Picked } from './plan'

const pick = (path: string, text = path): Picked => ({ file: new File([text], path.split('/').pop()!), path })

describe('upload plan', () => {
  it('splits a selection into new, duplicate (on the server or twice here) and unsupported', () => {
    const files = [pick('CAM7/a.JPG'), pick('CAM7/b.jpg'), pick('CAM7/b-copy.jpg'), pick('CAM7/c.jpeg'), pick('CAM7/clip.MP4'), pick('CAM7/report.TXT'), pick('CAM7/RAW_0001.CR2')]
    const hashes = new Map(files.map((f, i) => [f, ['h1', 'h2', 'h2', 'h3', 'h5', 'h4', ''][i]]))
    const planned = plan(files, hashes, new Set(['h3']))
    // A video is sent (ingestion stores and lists it, not analysed yet); a camera RAW file is not.
    expect(planned.map((p) => p.kind)).toEqual(['new', 'new', 'duplicate', 'duplicate', 'new', 'new', 'unsupported'])
    expect(planned[2].note).toBe('same photo as CAM7/b.jpg')
    expect(planned[3].note).toBe('already on the server')
    expect(planned[6].note).toBe('not a JPEG photo, a video or a report file')
    expect(counts(planned)).toEqual({ new: 4, duplicate: 2, unsupported: 1 })
  })

  it('names the camera after the one top folder, and skips hidden paths', () => {
    expect(folderName([pick('CAM7/a.jpg'), pick('CAM7/DCIM/b.jpg')])).toBe('CAM7')
    expect(folderName([pick('CAM7/a.jpg'), pick('CAM8/b.jpg')])).toBeNull()
    expect(folderName([pick('a.jpg')])).toBeNull()
    expect(isHidden('CAM7/.Trashes/a.jpg')).toBe(true)
    expect(isHidden('CAM7/a.jpg')).toBe(false)
  })

})
