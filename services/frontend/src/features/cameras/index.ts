/** What other features may use of cameras: adopting a camera that registered itself (the admin page). */
export { AdoptDialog, type AdoptableCamera } from './components/AdoptDialog'
export { useUnassignedCameras } from './api/cameras'
