#!/bin/sh
# One-shot MinIO setup, run by the `minio-init` service of docker-compose.yml (image minio/mc).
# Idempotent: safe on every `docker compose up`.
#   * the five buckets (with S3_BUCKET_PREFIX), object versioning on each, and an expiry of
#     noncurrent versions after 30 days so versioning does not grow storage forever;
#   * the application user S3_ACCESS_KEY / S3_SECRET_KEY with access to those buckets only.
# Needs MINIO_ROOT_USER, MINIO_ROOT_PASSWORD, S3_ACCESS_KEY, S3_SECRET_KEY; optional
# S3_BUCKET_PREFIX, MINIO_URL (default http://minio:9000).
set -eu

: "${MINIO_ROOT_USER:?}" "${MINIO_ROOT_PASSWORD:?}" "${S3_ACCESS_KEY:?}" "${S3_SECRET_KEY:?}"
prefix="${S3_BUCKET_PREFIX:-}"
url="${MINIO_URL:-http://minio:9000}"
buckets="raw-images crops thumbnails models quarantine"

mc alias set addax "$url" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null

bucket_arns=""
object_arns=""
for name in $buckets; do
  bucket="${prefix}${name}"
  mc mb --ignore-existing "addax/$bucket"
  mc version enable "addax/$bucket"
  if ! mc ilm rule export "addax/$bucket" 2>/dev/null | grep -q NoncurrentVersionExpiration; then
    mc ilm rule add --noncurrent-expire-days 30 "addax/$bucket" \
      || echo "warning: could not add the noncurrent-version expiry rule to $bucket"
  fi
  bucket_arns="${bucket_arns:+$bucket_arns,}\"arn:aws:s3:::$bucket\""
  object_arns="${object_arns:+$object_arns,}\"arn:aws:s3:::$bucket/*\""
done

policy=/tmp/addax-app-policy.json
cat >"$policy" <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["s3:ListAllMyBuckets"], "Resource": ["arn:aws:s3:::*"]},
    {"Effect": "Allow", "Action": ["s3:GetBucketLocation", "s3:ListBucket"], "Resource": [$bucket_arns]},
    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], "Resource": [$object_arns]}
  ]
}
EOF

mc admin policy create addax addax-app "$policy"
mc admin user add addax "$S3_ACCESS_KEY" "$S3_SECRET_KEY"
if ! mc admin user info addax "$S3_ACCESS_KEY" | grep -q addax-app; then
  mc admin policy attach addax addax-app --user "$S3_ACCESS_KEY"
fi
echo "minio-init: buckets and application user ready"
