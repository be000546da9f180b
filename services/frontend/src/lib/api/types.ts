// PROVISIONAL: hand-written from the agreed contract until the API's OpenAPI schema exists.
// Will become aliases of the generated `components['schemas']` types.
export type Role = 'admin' | 'analyst' | 'viewer'
export type ImageStatus = 'received' | 'detecting' | 'detected' | 'classifying' | 'completed' | 'failed' | 'rejected'
export type ReviewStatus = 'unreviewed' | 'approved' | 'rejected' | 'flagged'

export interface User {
  id: number
  email: string
  full_name: string | null
  role: Role
  is_active: boolean
  created_at: string
  last_login_at: string | null
}
export interface AuthSession {
  access_token: string
  token_type: string
  expires_in: number
  user: User
}
export interface ImageSummary {
  id: string
  camera_id: number | null
  camera_name: string | null
  original_filename: string
  status: ImageStatus
  review_status: ReviewStatus
  captured_at: string | null
  received_at: string
  completed_at: string | null
  width: number | null
  height: number | null
  thumbnail_url: string | null
  detection_count: number
  animal_count: number
  top_species: string | null
  top_confidence: number | null
  species: string[]
}
export interface ImagePage {
  items: ImageSummary[]
  total: number
  page: number
  limit: number
  pages: number
}
export interface Classification {
  label: string
  score: number
  rank: number
  model_name: string
  source: string
}
export interface Detection {
  id: number
  index: number
  category: 'animal' | 'person' | 'vehicle'
  confidence: number
  bbox: number[]
  crop_url: string | null
  classifications: Classification[]
  human_label: string | null
}
export interface ImageDetail extends ImageSummary {
  camera: { id: number; name: string; location: { lat: number; lon: number } | null } | null
  exif: Record<string, unknown>
  uploaded_at: string | null
  detection_started_at: string | null
  detected_at: string | null
  classification_started_at: string | null
  failed_at: string | null
  error: string | null
  url: string | null
  detections: Detection[]
  prev_id: string | null
  next_id: string | null
}
export interface SpeciesCount {
  label: string
  count: number
}
