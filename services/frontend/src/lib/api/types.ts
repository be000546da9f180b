/**
 * Names for the API's types. Every one is an alias of the generated OpenAPI schema, so the
 * frontend cannot drift from the API without `tsc` (and `npm run api:check`) noticing.
 */
import type { components } from './schema'

type Schemas = components['schemas']

export type Role = Schemas['UserRole']
export type ImageStatus = Schemas['ImageStatus']
export type ReviewStatus = Schemas['ReviewStatus']
export type User = Schemas['UserOut']
export type AuthSession = Schemas['TokenResponse']
export type ImageSummary = Schemas['ImageSummary']
export type ImagePage = Schemas['ImagePage']
export type ImageDetail = Schemas['ImageDetail']
export type Detection = Schemas['DetectionOut']
export type Classification = Schemas['ClassificationOut']
export type StageDurations = Schemas['StageDurations']
export type SpeciesCount = Schemas['SpeciesCount']
export type CameraCollection = Schemas['CameraCollection']
export type CameraFeature = Schemas['CameraFeature']
export type CameraProperties = Schemas['CameraProperties']
export type CameraStats = Schemas['CameraStats']
export type StatsSummary = Schemas['Summary']
export type TimelinePoint = Schemas['TimelinePoint']
export type ClientConfig = Schemas['ClientConfig']
export type MapConfig = Schemas['MapConfig']
export type AuditLogEntry = Schemas['AuditLogOut']
export type AuditLogPage = Schemas['AuditLogPage']
export type FtpAccount = Schemas['FtpAccountOut']
export type FtpAccountCreate = Schemas['FtpAccountCreate']
export type FtpAccountUpdate = Schemas['FtpAccountUpdate']
export type Project = Schemas['ProjectOut']
export type ProjectCreate = Schemas['ProjectCreate']
export type ProjectUpdate = Schemas['ProjectUpdate']
export type ProjectMember = Schemas['MemberOut']
export type Deployment = Schemas['DeploymentOut']
export type DeploymentCreate = Schemas['DeploymentCreate']
export type DeploymentUpdate = Schemas['DeploymentUpdate']
export type FeatureType = NonNullable<Schemas['DeploymentCreate']['feature_type']>
