/** What a selection of files becomes before anything is sent: hashed, split into new, duplicate and unsupported. */

/** File kinds ingestion takes: JPEG photos, videos (stored and listed, not analysed yet) and the camera's daily report files (*.txt). */
const SUPPORTED = /\.(jpe?g|txt|mp4|mov|avi|3gp)$/i

export interface Picked {
  file: File
  /** Path inside the dropped or picked folder (or just the name). */
  path: string
}

export type PlanKind = 'new' | 'duplicate' | 'unsupported'

export interface PlannedFile extends Picked {
  kind: PlanKind
  sha256: string | null
  /** Why a file is not sent: already on the server, twice in this selection, or not a kind we take. */
  note: string | null
}

export function isHidden(path: string): boolean {
  return path.split('/').some((part) => part.startsWith('.'))
}

export function isSupported(path: string): boolean {
  return SUPPORTED.test(path)
}

/** The camera a folder names: the top folder of the selection (an SD card's folder named after its camera). */
export function folderName(files: Picked[]): string | null {
  const tops = new Set(files.map((f) => (f.path.includes('/') ? f.path.split('/')[0] : '')))
  if (tops.size !== 1) return null
  const [top] = [...tops]
  return top || null
}

/** Classify hashed files against the hashes the server already has (and against each other). */
export function plan(files: Picked[], hashes: Map<Picked, string>, known: Set<string>): PlannedFile[] {
  const seen = new Map<string, string>()
  return files.map((picked) => {
    if (!isSupported(picked.path)) {
      return { ...picked, kind: 'unsupported', sha256: null, note: 'not a JPEG photo, a video or a report file' }
    }
    const sha256 = hashes.get(picked) ?? null
    if (sha256 && known.has(sha256)) return { ...picked, kind: 'duplicate', sha256, note: 'already on the server' }
    if (sha256 && seen.has(sha256)) {
      return { ...picked, kind: 'duplicate', sha256, note: `same photo as ${seen.get(sha256)}` }
    }
    if (sha256) seen.set(sha256, picked.path)
    return { ...picked, kind: 'new', sha256, note: null }
  })
}

export function counts(planned: PlannedFile[]): Record<PlanKind, number> {
  const result: Record<PlanKind, number> = { new: 0, duplicate: 0, unsupported: 0 }
  for (const file of planned) result[file.kind] += 1
  return result
}

export async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer())
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * Every file under a drop, with its path (folders are walked; hidden files are left out). Read the
 * entries and files while the drop event runs: the browser empties the DataTransfer after it.
 */
export async function filesOfDrop(transfer: DataTransfer): Promise<Picked[]> {
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => Boolean(e))
  const plain = [...transfer.files]
  if (entries.length === 0) return filesOfInput(plain) // files without entries (a drop made by a script)
  const out: Picked[] = []
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject))
      if (!isHidden(path)) out.push({ file, path })
      return
    }
    const reader = (entry as FileSystemDirectoryEntry).createReader()
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject))
      if (batch.length === 0) break
      for (const child of batch) await walk(child, path)
    }
  }
  for (const entry of entries) await walk(entry, '')
  return out.sort((a, b) => a.path.localeCompare(b.path))
}

export function filesOfInput(list: FileList | File[]): Picked[] {
  return [...list]
    .map((file) => ({ file, path: file.webkitRelativePath || file.name }))
    .filter((f) => !isHidden(f.path))
    .sort((a, b) => a.path.localeCompare(b.path))
}
