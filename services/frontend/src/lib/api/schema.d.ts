/**
 * GENERATED FILE — do not edit by hand.
 * Source: the AddaxAI Connect API's OpenAPI schema (python -m addax_api.cli openapi).
 * Regenerate with `npm run api:generate`; `npm run api:check` fails when this file drifts.
 */

export interface paths {
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in with e-mail and password
         * @description Returns a short-lived access token and sets the rotating refresh token as an httpOnly cookie (`addax_refresh`, SameSite=Strict, Path=/api/auth).
         */
        post: operations["auth-login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange the refresh cookie for a new access token (rotates the cookie) */
        post: operations["auth-refresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke the refresh token (and its whole family) and clear the cookie */
        post: operations["auth-logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The logged-in user */
        get: operations["auth-me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users (admin) */
        get: operations["users-list"];
        put?: never;
        /** Create a user (admin) */
        post: operations["users-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One user (admin) */
        get: operations["users-get"];
        put?: never;
        post?: never;
        /** Delete a user (admin); confirm with the user's e-mail */
        delete: operations["users-delete"];
        options?: never;
        head?: never;
        /** Change role, active flag, name or password (admin) */
        patch: operations["users-update"];
        trace?: never;
    };
    "/api/ftp-accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List FTP upload accounts (admin) */
        get: operations["ftp-list"];
        put?: never;
        /** Create an FTP upload account (admin) */
        post: operations["ftp-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ftp-accounts/{account_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One FTP account (admin) */
        get: operations["ftp-get"];
        put?: never;
        post?: never;
        /** Delete an FTP account (admin) */
        delete: operations["ftp-delete"];
        options?: never;
        head?: never;
        /** Change password, project, camera, plain FTP, IP allow-list or enabled (admin) */
        patch: operations["ftp-update"];
        trace?: never;
    };
    "/api/audit-logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search the whole audit log, server-wide changes included (server admin) */
        get: operations["audit-list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/audit-logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search the audit log of a project (project admin) */
        get: operations["audit-list_project"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The projects you are a member of, with your role */
        get: operations["projects-list"];
        put?: never;
        /** Create a project (server admin); you become its admin */
        post: operations["projects-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One project */
        get: operations["projects-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a project's name, description, time zone, intervals, species or thresholds (project admin) */
        patch: operations["projects-update"];
        trace?: never;
    };
    "/api/projects/{slug}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Archive a project (project admin); its data stays readable */
        post: operations["projects-archive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/unarchive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Bring an archived project back (project admin) */
        post: operations["projects-unarchive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Members of a project with their roles (project admin) */
        get: operations["projects-members"];
        put?: never;
        /** Add a user to a project with a role (project admin) */
        post: operations["projects-add_member"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/members/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a member (project admin); the last admin cannot be removed */
        delete: operations["projects-remove_member"];
        options?: never;
        head?: never;
        /** Change a member's role (project admin); the last admin cannot be demoted */
        patch: operations["projects-update_member"];
        trace?: never;
    };
    "/api/projects/{slug}/images": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Images, filtered, sorted and paginated; or one item per sequence
         * @description With `group=sequence` each item is one sequence with at least one image matching the filters: the item is the sequence's matching frame that comes first in the requested order (its `sequence_id` and `frame_count` name the whole sequence), sequences are ordered and paged by that frame, and `total` counts sequences.
         */
        get: operations["images-list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/images/status-counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Images per pipeline status under the same filters (the status filter is ignored) */
        get: operations["images-status_counts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/images/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set the review status of many images (analyst) */
        post: operations["images-review_bulk"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/images/species": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give every animal detection of many images one species label from the list (analyst) */
        post: operations["images-species_bulk"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/images/{image_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One image with detections, classifications and prev/next under the same filters */
        get: operations["images-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/images/{image_id}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve, reject, flag or reset the review of an image (analyst) */
        post: operations["images-review"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/images/{image_id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve an image (analyst); same as review with status=approved */
        post: operations["images-approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/images/{image_id}/detections/{detection_id}/species": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Correct the species of a detection (analyst); stored as a human label beside the machine's
         * @description The label must be in the project's species list (GET .../species-labels); any other is a 422 naming it.
         */
        put: operations["images-set_species"];
        post?: never;
        /** Remove the human species label of a detection (analyst); the machine label counts again */
        delete: operations["images-reset_species"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/images/{image_id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a failed image through the pipeline again (project admin) */
        post: operations["images-retry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/sequences/{sequence_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The frames of a sequence, in capture order */
        get: operations["sequences-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/sequences/{sequence_id}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set the review status of every frame of a sequence (analyst) */
        post: operations["sequences-review"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/species": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every species label in the data, alphabetically (for filter drop-downs) */
        get: operations["species-list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/species-labels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The labels a species correction may name: specials, the classifier's and taxonomy's labels, groups, admin additions */
        get: operations["species-labels"];
        put?: never;
        /** Add a label to the project's species list (project admin) */
        post: operations["species-add_label"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/cameras": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The project's cameras as a GeoJSON FeatureCollection
         * @description Takes the image list's filters (species, dates, capture time, review status, status, minimum confidence, camera): each camera's `image_count` and `last_image_at` cover only the images they match (a human correction wins over the machine label, as in the image list). Every camera is still listed. Rejected uploads are never counted.
         */
        get: operations["cameras-list"];
        put?: never;
        /** Create a camera in the project (project admin) */
        post: operations["cameras-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/cameras/{camera_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One camera with its 10 newest images and status history */
        get: operations["cameras-get"];
        /** Update a camera (project admin); only the fields sent change; `project` moves it */
        put: operations["cameras-update"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/cameras/{camera_id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Adopt an unassigned camera (project admin): name and place it, and with `project` move it there */
        post: operations["cameras-assign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cameras/unassigned": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Cameras no admin has adopted yet, in every project (server admin)
         * @description Cameras register themselves with their first upload, unassigned and usually without a location. Adopt one with `POST /api/projects/{slug}/cameras/{camera_id}/assign` (its `project` moves it).
         */
        get: operations["cameras-unassigned"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/deployments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The project's deployments */
        get: operations["deployments-list"];
        put?: never;
        /**
         * Create a deployment (project admin)
         * @description Periods are half-open, [start_at, end_at); one camera's deployments may not overlap (422 naming `start_at`). Images of the camera are re-assigned to the deployment active at their capture time, and a changed `clock_offset_seconds` shifts their capture times (EXIF time + offset; set the old value back to undo). EXIF times carry no zone: they are read in the deployment's `timezone`, so changing it re-computes the capture times too (audited as `deployment.timezone`; set the old zone back to undo).
         */
        post: operations["deployments-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/deployments/{deployment_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One deployment */
        get: operations["deployments-get"];
        /**
         * Update a deployment (project admin); only the fields sent change
         * @description Periods are half-open, [start_at, end_at); one camera's deployments may not overlap (422 naming `start_at`). Images of the camera are re-assigned to the deployment active at their capture time, and a changed `clock_offset_seconds` shifts their capture times (EXIF time + offset; set the old value back to undo). EXIF times carry no zone: they are read in the deployment's `timezone`, so changing it re-computes the capture times too (audited as `deployment.timezone`; set the old zone back to undo).
         */
        put: operations["deployments-update"];
        post?: never;
        /** Delete a deployment (project admin); its images return to their EXIF times */
        delete: operations["deployments-delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/exports/camtrap-dp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Camtrap DP 1.0.2 package (zip): deployments, media, observations
         * @description Images in a deployment and with a capture time (Camtrap DP requires both). `media=include` puts the photos in the zip (`media/...`, relative filePath) and sends `X-Export-Media-Bytes`; `media=urls` links them by signed URLs valid for the media URL lifetime. Filtered exactly like the gallery (same query parameters). Streamed: `X-Export-Images` gives the number of images up front.
         */
        get: operations["exports-export_camtrap_dp"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/exports/megadetector": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * MegaDetector batch-output JSON 1.4 (Timelapse), optionally zipped with the photos
         * @description Every detection with its machine classifications; `file` is `<camera>/<id prefix>-<file name>`, the photo's path in the zip with `media=include`. Filtered exactly like the gallery (same query parameters). Streamed: `X-Export-Images` gives the number of images up front.
         */
        get: operations["exports-export_megadetector"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/exports/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * CSV of the images or of the observations (one row per detection)
         * @description Detections below the display threshold are left out, as in the gallery. Filtered exactly like the gallery (same query parameters). Streamed: `X-Export-Images` gives the number of images up front.
         */
        get: operations["exports-export_csv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/exports/xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * XLSX workbook with an images sheet and an observations sheet
         * @description Written with openpyxl's write-only mode to a temporary file, then streamed. Filtered exactly like the gallery (same query parameters). Streamed: `X-Export-Images` gives the number of images up front.
         */
        get: operations["exports-export_xlsx"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import a Camtrap DP package or a MegaDetector JSON, zipped with its photos (project admin)
         * @description The request body is the zip itself (`Content-Type: application/zip` or `application/octet-stream`). One transaction: any invalid file, row or field is a 422 whose `loc` names the file, the line and the field, and nothing is stored (photos written to storage before the failure are removed).
         */
        post: operations["exports-import"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/upload-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Upload keys of the project (the keys themselves are never shown again) */
        get: operations["uploads-keys_list"];
        put?: never;
        /** Create an upload key for a camera or station (the answer holds the key, once) */
        post: operations["uploads-keys_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/upload-keys/{key_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an upload key (it stops working at once; the row stays for the record) */
        delete: operations["uploads-keys_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/uploads/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Which of these sha256 hashes are already on the server (analyst) */
        post: operations["uploads-check"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/uploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** tus creation: Upload-Length and Upload-Metadata (filename, sha256, camera) */
        post: operations["uploads-tus_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/uploads/{upload_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The upload's offset and, once complete, its result */
        get: operations["uploads-tus_get"];
        put?: never;
        post?: never;
        /** tus termination: cancel the upload */
        delete: operations["uploads-tus_delete"];
        options?: never;
        /** tus: the upload's offset */
        head: operations["uploads-tus_head"];
        /** tus: append bytes at Upload-Offset; the last byte hands the file to ingestion */
        patch: operations["uploads-tus_patch"];
        trace?: never;
    };
    "/api/upload/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Which of these sha256 hashes are already on the server (upload key) */
        post: operations["uploads-device_check"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/upload/tus": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** tus creation: Upload-Length and Upload-Metadata (filename, sha256, camera) */
        post: operations["uploads-device_tus_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/upload/tus/{upload_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The upload's offset and, once complete, its result */
        get: operations["uploads-device_tus_get"];
        put?: never;
        post?: never;
        /** tus termination: cancel the upload */
        delete: operations["uploads-device_tus_delete"];
        options?: never;
        /** tus: the upload's offset */
        head: operations["uploads-device_tus_head"];
        /** tus: append bytes at Upload-Offset; the last byte hands the file to ingestion */
        patch: operations["uploads-device_tus_patch"];
        trace?: never;
    };
    "/api/upload/images": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upload one file with an upload key: a raw body (X-Filename) or multipart (field `file`) */
        post: operations["uploads-device_upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/upload/images/{image_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where an uploaded image is in the pipeline (upload key of its project) */
        get: operations["uploads-device_status"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/stats/species": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Detections per species, most frequent first
         * @description `count` is the number of detections whose label is the species (a human correction wins over the machine's top label); `image_count` the number of images with at least one. Cached in Redis.
         */
        get: operations["stats-species"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/stats/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Images per hour, day, week or month of capture time, every period of the range listed
         * @description A real time axis: every period from date_from (else the first image) to date_to (else the last image) is listed, empty ones with count 0 (at most 10,000 periods, else 422). Images without a capture time are left out unless `capture_time=unknown` or `any` asks for them; they are then counted at their arrival time.
         */
        get: operations["stats-timeline"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/stats/cameras": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Per-camera image and species counts, busiest first
         * @description Every camera (also those without matching images). With `species`, `image_count` and `last_image_at` cover only images with one of these species (a human correction wins over the machine label, as in the image list), and `species_count` is how many of the requested species the camera saw.
         */
        get: operations["stats-cameras"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/stats/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Totals for the dashboard */
        get: operations["stats-summary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/stats/trap-days": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Trap-days (survey effort) per deployment
         * @description Each deployment's period [start, end) (a running one until now) clipped to [date_from, date_to), in days of 24 h. Honours camera_id and the date range.
         */
        get: operations["stats-trap_days"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/stats/rai": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Relative abundance index: independent events per 100 trap-days, per species and per deployment
         * @description Independent events group the images of one species at one deployment less than the project's independence_interval_minutes after the previous one. Honours camera_id, date_from/date_to (the survey period is clipped to them) and species; only images that belong to a deployment count, labels as everywhere in the API (a human correction wins). Cached in Redis.
         */
        get: operations["stats-rai"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/stats/activity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Activity pattern: detections and independent events by local hour of day
         * @description Hours are local to each deployment's time zone; an event counts at the hour of its first image. Honours camera_id, date_from/date_to (the survey period is clipped to them) and species; only images that belong to a deployment count, labels as everywhere in the API (a human correction wins). Cached in Redis.
         */
        get: operations["stats-activity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/stats/accumulation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Species accumulation: cumulative distinct species and trap-days for every day of the survey
         * @description Days are calendar days in the project's time zone, from the first surveyed day to the last; empty days are listed. Honours camera_id, date_from/date_to (the survey period is clipped to them) and species; only images that belong to a deployment count, labels as everywhere in the API (a human correction wins). Cached in Redis.
         */
        get: operations["stats-accumulation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/stats/occupancy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Naive occupancy per species: sites with a detection / sites surveyed
         * @description A site is a deployment location (coordinates to 5 decimals); surveyed when it has trap-days in the range. Honours camera_id, date_from/date_to (the survey period is clipped to them) and species; only images that belong to a deployment count, labels as everywhere in the API (a human correction wins). Cached in Redis.
         */
        get: operations["stats-occupancy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/alerts/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Alert rules (project members) */
        get: operations["alerts-rules_list"];
        put?: never;
        /** Create an alert rule (admin) */
        post: operations["alerts-rules_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/alerts/rules/{rule_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One alert rule (project members) */
        get: operations["alerts-rules_get"];
        put?: never;
        post?: never;
        /** Delete an alert rule and its history (admin) */
        delete: operations["alerts-rules_delete"];
        options?: never;
        head?: never;
        /** Change an alert rule (admin); only the fields sent change */
        patch: operations["alerts-rules_update"];
        trace?: never;
    };
    "/api/projects/{slug}/alerts/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Alert channels (admin: they hold recipients); secrets are never returned */
        get: operations["alerts-channels_list"];
        put?: never;
        /** Create an alert channel (admin) */
        post: operations["alerts-channels_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/alerts/channels/{channel_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One alert channel (admin) */
        get: operations["alerts-channels_get"];
        put?: never;
        post?: never;
        /** Delete an alert channel (admin) */
        delete: operations["alerts-channels_delete"];
        options?: never;
        head?: never;
        /** Change an alert channel (admin); without `secrets` the stored ones stay */
        patch: operations["alerts-channels_update"];
        trace?: never;
    };
    "/api/projects/{slug}/alerts/channels/{channel_id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test notification to each recipient (admin)
         * @description Answers 200 whatever the receivers said: each recipient's result carries the receiver's answer (`receipt`) or its refusal (`error`).
         */
        post: operations["alerts-channels_test"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/alerts/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Species groups and labels a species rule may name */
        get: operations["alerts-groups"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/alerts/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Fired alerts of the project, newest first, with delivery counts */
        get: operations["alerts-history_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/alerts/history/{alert_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One fired alert with its payload and every delivery */
        get: operations["alerts-history_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/alerts/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Alert rules (server admin) */
        get: operations["alerts-admin_rules_list"];
        put?: never;
        /** Create an alert rule (admin) */
        post: operations["alerts-admin_rules_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/alerts/rules/{rule_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One alert rule (server admin) */
        get: operations["alerts-admin_rules_get"];
        put?: never;
        post?: never;
        /** Delete an alert rule and its history (admin) */
        delete: operations["alerts-admin_rules_delete"];
        options?: never;
        head?: never;
        /** Change an alert rule (admin); only the fields sent change */
        patch: operations["alerts-admin_rules_update"];
        trace?: never;
    };
    "/api/admin/alerts/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Alert channels (admin: they hold recipients); secrets are never returned */
        get: operations["alerts-admin_channels_list"];
        put?: never;
        /** Create an alert channel (admin) */
        post: operations["alerts-admin_channels_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/alerts/channels/{channel_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One alert channel (admin) */
        get: operations["alerts-admin_channels_get"];
        put?: never;
        post?: never;
        /** Delete an alert channel (admin) */
        delete: operations["alerts-admin_channels_delete"];
        options?: never;
        head?: never;
        /** Change an alert channel (admin); without `secrets` the stored ones stay */
        patch: operations["alerts-admin_channels_update"];
        trace?: never;
    };
    "/api/admin/alerts/channels/{channel_id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test notification to each recipient (admin)
         * @description Answers 200 whatever the receivers said: each recipient's result carries the receiver's answer (`receipt`) or its refusal (`error`).
         */
        post: operations["alerts-admin_channels_test"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/media/{bucket}/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A stored object, by signed URL (directory storage backend)
         * @description The URLs come from the `thumbnail_url`, `url` and `crop_url` fields; they carry their own authorisation (HMAC signature with an expiry), so no access token is needed.
         */
        get: operations["media-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Deployment settings the dashboard reads at runtime: the map tiles, the active models (public) */
        get: operations["config-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Installed models with provenance and hash check, the active models, execution providers and the run-time thresholds (admin) */
        get: operations["models-overview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/models/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change thresholds or people blurring at run time (admin); workers pick it up within the TTL */
        put: operations["models-update_settings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/models/reprocess-jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reprocess jobs of every project with their progress (admin) */
        get: operations["models-reprocess_jobs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/reprocess": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The project's reprocess jobs (project admin) */
        get: operations["models-list"];
        put?: never;
        /** Send the images under the gallery filters (all when none) through detection and/or classification again with the active models (project admin); human labels and reviews are kept */
        post: operations["models-start"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{slug}/reprocess/{job_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One reprocess job and its progress (project admin) */
        get: operations["models-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Database, Redis, storage and queue health (public; 503 when degraded) */
        get: operations["health-check"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics (public; keep it off the internet at the proxy) */
        get: operations["health-metrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** Accumulation */
        Accumulation: {
            /**
             * Timezone
             * @description The project time zone the days are counted in
             */
            timezone: string;
            /** Points */
            points: components["schemas"]["AccumulationPoint"][];
        };
        /** AccumulationPoint */
        AccumulationPoint: {
            /**
             * Date
             * Format: date
             * @description A calendar day in the project's time zone; every day of the survey is listed
             */
            date: string;
            /**
             * Trap Days
             * @description Cumulative trap-days at the end of the day
             */
            trap_days: number;
            /**
             * Species Count
             * @description Cumulative distinct species detected up to and including the day
             */
            species_count: number;
            /**
             * New Species
             * @description Species first detected on the day
             */
            new_species: string[];
        };
        /**
         * ActiveModel
         * @description A model an inference worker loaded, with its provenance (models/catalog.yaml, ONNX metadata).
         */
        ActiveModel: {
            /**
             * Task
             * @enum {string}
             */
            task: "detection" | "classification";
            /** Name */
            name: string;
            /** Version */
            version: string;
            /**
             * Sha256
             * @description Of the model file the worker loaded
             */
            sha256: string;
            /** License */
            license: string;
            /**
             * Source
             * @description Where it comes from, e.g. 'url: https://...' or 'build: addax_models.build_demo'
             */
            source: string;
            /**
             * Demo
             * @description A stand-in that finds the coloured shapes of the demo photos, not animals
             */
            demo: boolean;
        };
        /** Activity */
        Activity: {
            /** Independence Interval Minutes */
            independence_interval_minutes: number;
            total: components["schemas"]["ActivitySeries"];
            /**
             * Species
             * @description One series per species, most events first
             */
            species: components["schemas"]["ActivitySeries"][];
        };
        /** ActivitySeries */
        ActivitySeries: {
            /**
             * Species
             * @description null: all species together
             */
            species: string | null;
            /**
             * Detections
             * @description 24 numbers: images showing the species by local hour 0..23
             */
            detections: number[];
            /**
             * Events
             * @description 24 numbers: independent events by the local hour of their first image
             */
            events: number[];
        };
        /** AlertChannelCreate */
        AlertChannelCreate: {
            kind: components["schemas"]["ChannelKind"];
            /** Name */
            name: string;
            /**
             * Settings
             * @description By kind; see docs/alerts.md
             */
            settings?: {
                [key: string]: unknown;
            };
            /**
             * Secrets
             * @description Write-only: tokens, passwords, signing secrets
             */
            secrets?: {
                [key: string]: string;
            };
            /**
             * Enabled
             * @default true
             */
            enabled: boolean;
        };
        /**
         * AlertChannelOut
         * @description A channel; its secrets are never returned, only which ones are set.
         */
        AlertChannelOut: {
            /** Id */
            id: number;
            kind: components["schemas"]["ChannelKind"];
            /** Name */
            name: string;
            /** Settings */
            settings: {
                [key: string]: unknown;
            };
            /**
             * Secret Fields
             * @description Names of the secrets that are set (values are write-only)
             */
            secret_fields: string[];
            /** Enabled */
            enabled: boolean;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Updated At */
            updated_at: string | null;
        };
        /**
         * AlertChannelUpdate
         * @description Only the fields sent change. `secrets` updates the names it carries (`null` removes one) and keeps
         *     the others; without `secrets` the stored ones stay.
         */
        AlertChannelUpdate: {
            kind?: components["schemas"]["ChannelKind"] | null;
            /** Name */
            name?: string | null;
            /** Settings */
            settings?: {
                [key: string]: unknown;
            } | null;
            /** Secrets */
            secrets?: {
                [key: string]: string | null;
            } | null;
            /** Enabled */
            enabled?: boolean | null;
        };
        /** AlertDetail */
        AlertDetail: {
            /** Id */
            id: number;
            /** Rule Id */
            rule_id: number;
            /** Rule Name */
            rule_name: string;
            kind: components["schemas"]["LogKind"];
            /** Camera Id */
            camera_id: number | null;
            /** Camera Name */
            camera_name: string | null;
            /** Image Id */
            image_id: string | null;
            /** Reason */
            reason: string;
            /** Species */
            species: string[];
            /**
             * Fired At
             * Format: date-time
             */
            fired_at: string;
            delivery_counts: components["schemas"]["DeliveryCounts"];
            /** Deliveries */
            deliveries: components["schemas"]["DeliveryOut"][];
            /** Payload */
            payload: {
                [key: string]: unknown;
            };
        };
        /** AlertHistoryItem */
        AlertHistoryItem: {
            /** Id */
            id: number;
            /** Rule Id */
            rule_id: number;
            /** Rule Name */
            rule_name: string;
            kind: components["schemas"]["LogKind"];
            /** Camera Id */
            camera_id: number | null;
            /** Camera Name */
            camera_name: string | null;
            /** Image Id */
            image_id: string | null;
            /** Reason */
            reason: string;
            /** Species */
            species: string[];
            /**
             * Fired At
             * Format: date-time
             */
            fired_at: string;
            deliveries: components["schemas"]["DeliveryCounts"];
        };
        /** AlertRuleCreate */
        AlertRuleCreate: {
            /** Name */
            name: string;
            /** @description species, camera_health or camera_silent (system: server admins' rules) */
            kind: components["schemas"]["RuleKind"];
            /**
             * Enabled
             * @default true
             */
            enabled: boolean;
            /**
             * Conditions
             * @description By kind; see docs/alerts.md (species, groups, camera_ids, ...)
             */
            conditions?: {
                [key: string]: unknown;
            };
            area?: components["schemas"]["PolygonGeometry"] | null;
            /**
             * Cooldown Minutes
             * @description Minutes per rule x camera before it fires again
             * @default 0
             */
            cooldown_minutes: number;
            /** @default immediate */
            mode: components["schemas"]["TriggerMode"];
            /** Digest Time */
            digest_time?: string | null;
            /**
             * Timezone
             * @description IANA time zone of digest_time (Europe/Amsterdam)
             * @default UTC
             */
            timezone: string;
            /** Channel Ids */
            channel_ids?: number[];
        };
        /** AlertRuleOut */
        AlertRuleOut: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            kind: components["schemas"]["RuleKind"];
            /** Enabled */
            enabled: boolean;
            /** Conditions */
            conditions: {
                [key: string]: unknown;
            };
            area: components["schemas"]["PolygonGeometry"] | null;
            /** Cooldown Minutes */
            cooldown_minutes: number;
            mode: components["schemas"]["TriggerMode"];
            /** Digest Time */
            digest_time: string | null;
            /** Timezone */
            timezone: string;
            /** Channel Ids */
            channel_ids: number[];
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Updated At */
            updated_at: string | null;
            /**
             * Last Fired At
             * @description When the rule last fired (null: never)
             */
            last_fired_at?: string | null;
        };
        /**
         * AlertRuleUpdate
         * @description Only the fields sent change; `area: null` removes the area, `digest_time: null` clears it.
         */
        AlertRuleUpdate: {
            area?: components["schemas"]["PolygonGeometry"] | null;
            /** Digest Time */
            digest_time?: string | null;
            /** Name */
            name?: string | null;
            /** @description species, camera_health or camera_silent (system: server admins' rules) */
            kind?: components["schemas"]["RuleKind"] | null;
            /** Enabled */
            enabled?: boolean | null;
            /** Conditions */
            conditions?: {
                [key: string]: unknown;
            } | null;
            /** Cooldown Minutes */
            cooldown_minutes?: number | null;
            mode?: components["schemas"]["TriggerMode"] | null;
            /** Timezone */
            timezone?: string | null;
            /** Channel Ids */
            channel_ids?: number[] | null;
        };
        /** AuditLogOut */
        AuditLogOut: {
            /** Id */
            id: number;
            /** User Id */
            user_id: number | null;
            /** User Email */
            user_email: string | null;
            /** Project Id */
            project_id?: number | null;
            /** Action */
            action: string;
            /** Resource Type */
            resource_type: string;
            /** Resource Id */
            resource_id: string | null;
            /** Details */
            details: {
                [key: string]: unknown;
            };
            /** Ip Address */
            ip_address: string | null;
            /** User Agent */
            user_agent: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /** AuditLogPage */
        AuditLogPage: {
            /** Items */
            items: components["schemas"]["AuditLogOut"][];
            /** Total */
            total: number;
            /** Page */
            page: number;
            /** Limit */
            limit: number;
            /** Pages */
            pages: number;
            /**
             * Total Exact
             * @description False when `total` is a lower bound: there are more (lists that stop counting early)
             * @default true
             */
            total_exact: boolean;
        };
        /** BulkReviewRequest */
        BulkReviewRequest: {
            /** Image Ids */
            image_ids: string[];
            status: components["schemas"]["ReviewStatus"];
            /** Note */
            note?: string | null;
        };
        /** BulkReviewResult */
        BulkReviewResult: {
            /** Updated */
            updated: string[];
            /** Not Found */
            not_found: string[];
        };
        /** BulkSpeciesRequest */
        BulkSpeciesRequest: {
            /** Image Ids */
            image_ids: string[];
            /**
             * Label
             * @description A label of the project's species list (GET .../species-labels)
             */
            label: string;
        };
        /** BulkSpeciesResult */
        BulkSpeciesResult: {
            /**
             * Updated
             * @description Images whose animal detections now carry the label
             */
            updated: string[];
            /**
             * Skipped
             * @description Images with no animal detection above the display threshold
             */
            skipped: string[];
            /** Not Found */
            not_found: string[];
            /**
             * Detections
             * @description How many detections were corrected
             */
            detections: number;
            /**
             * Label
             * @description The label as stored (the list's form)
             */
            label: string;
        };
        /**
         * CameraAssign
         * @description Adopt an unassigned (auto-registered) camera, optionally naming and placing it at the same time.
         */
        CameraAssign: {
            /** Name */
            name?: string | null;
            /** Site */
            site?: string | null;
            location?: components["schemas"]["CameraLocation"] | null;
            /** Notes */
            notes?: string | null;
            /**
             * Project
             * @description Adopt it into this project (slug), with its images; you must administer both
             */
            project?: string | null;
        };
        /** CameraCollection */
        CameraCollection: {
            /**
             * Type
             * @default FeatureCollection
             * @constant
             */
            type: "FeatureCollection";
            /** Features */
            features: components["schemas"]["CameraFeature"][];
        };
        /** CameraCreate */
        CameraCreate: {
            /** Name */
            name: string;
            /** Serial Number */
            serial_number?: string | null;
            /** Ftps Account */
            ftps_account?: string | null;
            location?: components["schemas"]["CameraLocation"] | null;
            /** Altitude M */
            altitude_m?: number | null;
            /** Make */
            make?: string | null;
            /** Model */
            model?: string | null;
            /** Site */
            site?: string | null;
            /** Notes */
            notes?: string | null;
            /**
             * Is Assigned
             * @default true
             */
            is_assigned: boolean;
            /** Installed At */
            installed_at?: string | null;
            /** Config */
            config?: {
                [key: string]: unknown;
            };
        };
        /** CameraDetail */
        CameraDetail: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Serial Number */
            serial_number: string | null;
            /** Ftps Account */
            ftps_account: string | null;
            location: components["schemas"]["LatLon"] | null;
            /** Altitude M */
            altitude_m: number | null;
            /** Make */
            make: string | null;
            /** Model */
            model: string | null;
            /** Is Assigned */
            is_assigned: boolean;
            /** Site */
            site: string | null;
            /** Notes */
            notes: string | null;
            /** Config */
            config: {
                [key: string]: unknown;
            };
            /** Installed At */
            installed_at: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Last Image At */
            last_image_at: string | null;
            /** Image Count */
            image_count: number;
            latest_status: components["schemas"]["CameraStatusOut"] | null;
            /**
             * Recent Images
             * @description The 10 newest images
             */
            recent_images: components["schemas"]["ImageSummary"][];
            /**
             * Status History
             * @description Up to 50 newest status readings
             */
            status_history: components["schemas"]["CameraStatusOut"][];
        };
        /** CameraFeature */
        CameraFeature: {
            /**
             * Type
             * @default Feature
             * @constant
             */
            type: "Feature";
            /** Id */
            id: number;
            /** @description null for a camera without a location */
            geometry: components["schemas"]["PointGeometry"] | null;
            properties: components["schemas"]["CameraProperties"];
        };
        /** CameraLocation */
        CameraLocation: {
            /**
             * Lat
             * @description Latitude, WGS 84
             */
            lat: number;
            /**
             * Lon
             * @description Longitude, WGS 84
             */
            lon: number;
        };
        /** CameraOut */
        CameraOut: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Serial Number */
            serial_number: string | null;
            /** Ftps Account */
            ftps_account: string | null;
            location: components["schemas"]["LatLon"] | null;
            /** Altitude M */
            altitude_m: number | null;
            /** Make */
            make: string | null;
            /** Model */
            model: string | null;
            /** Is Assigned */
            is_assigned: boolean;
            /** Site */
            site: string | null;
            /** Notes */
            notes: string | null;
            /** Config */
            config: {
                [key: string]: unknown;
            };
            /** Installed At */
            installed_at: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Last Image At */
            last_image_at: string | null;
            /** Image Count */
            image_count: number;
        };
        /** CameraProperties */
        CameraProperties: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Serial Number */
            serial_number: string | null;
            /** Is Assigned */
            is_assigned: boolean;
            /** Site */
            site: string | null;
            /** Make */
            make: string | null;
            /** Model */
            model: string | null;
            /** Altitude M */
            altitude_m: number | null;
            /**
             * Last Image At
             * @description Capture time of the newest image (receive time without EXIF)
             */
            last_image_at: string | null;
            /** Image Count */
            image_count: number;
            /**
             * Battery Percent
             * @description From the latest status reading
             */
            battery_percent: number | null;
            /** Temperature C */
            temperature_c: number | null;
            /** Sd Used Percent */
            sd_used_percent: number | null;
            /** Status Reported At */
            status_reported_at: string | null;
        };
        /** CameraRef */
        CameraRef: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            location: components["schemas"]["LatLon"] | null;
        };
        /** CameraStats */
        CameraStats: {
            /** Camera Id */
            camera_id: number;
            /** Camera Name */
            camera_name: string;
            /** Image Count */
            image_count: number;
            /** Species Count */
            species_count: number;
            /** Last Image At */
            last_image_at: string | null;
        };
        /** CameraStatusOut */
        CameraStatusOut: {
            /**
             * Reported At
             * Format: date-time
             */
            reported_at: string;
            /** Source */
            source: string;
            /** Battery Percent */
            battery_percent: number | null;
            /** Temperature C */
            temperature_c: number | null;
            /** Sd Used Percent */
            sd_used_percent: number | null;
            /** Signal Quality */
            signal_quality: number | null;
            /** Images On Sd */
            images_on_sd: number | null;
        };
        /**
         * CameraUpdate
         * @description Only the fields sent are changed; send `location: null` to remove the location.
         */
        CameraUpdate: {
            /**
             * Project
             * @description Move the camera, with its images, to this project (slug); you must administer both
             */
            project?: string | null;
            /** Name */
            name?: string | null;
            /** Serial Number */
            serial_number?: string | null;
            /** Ftps Account */
            ftps_account?: string | null;
            location?: components["schemas"]["CameraLocation"] | null;
            /** Altitude M */
            altitude_m?: number | null;
            /** Make */
            make?: string | null;
            /** Model */
            model?: string | null;
            /** Site */
            site?: string | null;
            /** Notes */
            notes?: string | null;
            /** Is Assigned */
            is_assigned?: boolean | null;
            /** Installed At */
            installed_at?: string | null;
            /** Config */
            config?: {
                [key: string]: unknown;
            } | null;
        };
        /**
         * ChannelKind
         * @enum {string}
         */
        ChannelKind: "email" | "signal" | "whatsapp" | "telegram" | "earthranger" | "webhook";
        /** ChannelTestOut */
        ChannelTestOut: {
            /**
             * Ok
             * @description True when every recipient accepted the test notification
             */
            ok: boolean;
            /** Results */
            results: components["schemas"]["RecipientTestResult"][];
        };
        /** ClassificationOut */
        ClassificationOut: {
            /** Label */
            label: string;
            /** Score */
            score: number;
            /** Rank */
            rank: number;
            /**
             * Model Name
             * @description The classifier as name@version, or 'human' for a person's label
             */
            model_name: string;
            /**
             * Source
             * @enum {string}
             */
            source: "machine" | "human";
            /**
             * Taxon Rank
             * @description Rank of the label (species, genus, family, order, class) for classifiers with taxonomic labels; on rank 1 a rank above species means the species was uncertain and was rolled up
             */
            taxon_rank?: string | null;
            /**
             * Taxonomy
             * @description The label's class, order, family, genus, species
             */
            taxonomy?: {
                [key: string]: string;
            } | null;
        };
        /** ClientConfig */
        ClientConfig: {
            map: components["schemas"]["MapConfig"];
            models: components["schemas"]["ModelsConfig"];
        };
        /** ComponentHealth */
        ComponentHealth: {
            /** Ok */
            ok: boolean;
            /** Latency Ms */
            latency_ms?: number | null;
            /**
             * Error
             * @description A short reason; details are in the API's logs
             */
            error?: string | null;
        };
        /** DeliveryCounts */
        DeliveryCounts: {
            /**
             * Sent
             * @default 0
             */
            sent: number;
            /**
             * Failed
             * @default 0
             */
            failed: number;
            /**
             * Pending
             * @default 0
             */
            pending: number;
        };
        /** DeliveryOut */
        DeliveryOut: {
            /** Id */
            id: number;
            /** Channel Id */
            channel_id: number;
            /** Channel Name */
            channel_name: string;
            channel_kind: components["schemas"]["ChannelKind"];
            /** Recipient */
            recipient: string;
            status: components["schemas"]["DeliveryStatus"];
            /** Attempts */
            attempts: number;
            /** Last Error */
            last_error: string | null;
            /** Sent At */
            sent_at: string | null;
        };
        /**
         * DeliveryStatus
         * @enum {string}
         */
        DeliveryStatus: "pending" | "sent" | "failed";
        /** DeploymentCreate */
        DeploymentCreate: {
            /** Camera Id */
            camera_id: number;
            /**
             * Start At
             * Format: date-time
             */
            start_at: string;
            /**
             * End At
             * @description null while the deployment is running
             */
            end_at?: string | null;
            location: components["schemas"]["CameraLocation"];
            /** Location Name */
            location_name?: string | null;
            /** Camera Height M */
            camera_height_m?: number | null;
            /**
             * Bait
             * @description The bait used, or null for none
             */
            bait?: string | null;
            /** Habitat */
            habitat?: string | null;
            /** Feature Type */
            feature_type?: ("roadPaved" | "roadDirt" | "trailHiking" | "trailGame" | "roadUnderpass" | "roadOverpass" | "roadBridge" | "culvert" | "burrow" | "nestSite" | "carcass" | "waterSource" | "fruitingTree") | null;
            /** Notes */
            notes?: string | null;
            /**
             * Timezone
             * @description IANA time zone name, e.g. Africa/Nairobi
             * @default UTC
             */
            timezone: string;
            /**
             * Clock Offset Seconds
             * @description Seconds added to each image's EXIF time: +3600 for a camera whose clock ran an hour slow
             * @default 0
             */
            clock_offset_seconds: number;
        };
        /** DeploymentOut */
        DeploymentOut: {
            /** Id */
            id: number;
            /** Camera Id */
            camera_id: number;
            /** Camera Name */
            camera_name: string;
            /**
             * Start At
             * Format: date-time
             */
            start_at: string;
            /** End At */
            end_at: string | null;
            location: components["schemas"]["LatLon"];
            /** Location Name */
            location_name: string | null;
            /** Camera Height M */
            camera_height_m: number | null;
            /** Bait */
            bait: string | null;
            /** Habitat */
            habitat: string | null;
            /** Feature Type */
            feature_type: ("roadPaved" | "roadDirt" | "trailHiking" | "trailGame" | "roadUnderpass" | "roadOverpass" | "roadBridge" | "culvert" | "burrow" | "nestSite" | "carcass" | "waterSource" | "fruitingTree") | null;
            /** Notes */
            notes: string | null;
            /** Timezone */
            timezone: string;
            /** Clock Offset Seconds */
            clock_offset_seconds: number;
            /**
             * Image Count
             * @description Images whose capture time falls in this deployment
             */
            image_count: number;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
        };
        /** DeploymentRai */
        DeploymentRai: {
            /** Deployment Id */
            deployment_id: number;
            /** Camera Name */
            camera_name: string;
            /** Location Name */
            location_name: string | null;
            /** Trap Days */
            trap_days: number;
            /** Species */
            species: components["schemas"]["SpeciesRai"][];
        };
        /** DeploymentTrapDays */
        DeploymentTrapDays: {
            /** Deployment Id */
            deployment_id: number;
            /** Camera Id */
            camera_id: number;
            /** Camera Name */
            camera_name: string;
            /** Location Name */
            location_name: string | null;
            /**
             * Start
             * Format: date-time
             * @description The deployment's start, or date_from when that is later
             */
            start: string;
            /**
             * End
             * Format: date-time
             * @description The deployment's end (now for a running one), or date_to when that is earlier
             */
            end: string;
            /**
             * Trap Days
             * @description (end - start) in days of 24 h, 0 when the deployment lies outside the range
             */
            trap_days: number;
        };
        /**
         * DeploymentUpdate
         * @description Only the fields sent change; `end_at: null` reopens the deployment. The camera cannot change.
         */
        DeploymentUpdate: {
            /** Start At */
            start_at?: string | null;
            /**
             * End At
             * @description null while the deployment is running
             */
            end_at?: string | null;
            location?: components["schemas"]["CameraLocation"] | null;
            /** Location Name */
            location_name?: string | null;
            /** Camera Height M */
            camera_height_m?: number | null;
            /**
             * Bait
             * @description The bait used, or null for none
             */
            bait?: string | null;
            /** Habitat */
            habitat?: string | null;
            /** Feature Type */
            feature_type?: ("roadPaved" | "roadDirt" | "trailHiking" | "trailGame" | "roadUnderpass" | "roadOverpass" | "roadBridge" | "culvert" | "burrow" | "nestSite" | "carcass" | "waterSource" | "fruitingTree") | null;
            /** Notes */
            notes?: string | null;
            /** Timezone */
            timezone?: string | null;
            /** Clock Offset Seconds */
            clock_offset_seconds?: number | null;
        };
        /** DetectionOut */
        DetectionOut: {
            /** Id */
            id: number;
            /** Index */
            index: number;
            /** Category */
            category: string;
            /** Confidence */
            confidence: number;
            /**
             * Bbox
             * @description Normalized [x_min, y_min, width, height], origin top-left
             */
            bbox: number[];
            /**
             * Model Name
             * @description The detector that found it, as name@version
             */
            model_name: string;
            /** Crop Url */
            crop_url: string | null;
            /**
             * Classifications
             * @description Machine top-k by rank, then the human label if any
             */
            classifications: components["schemas"]["ClassificationOut"][];
            /** Human Label */
            human_label: string | null;
            /**
             * Label
             * @description The label that counts: the human correction, else the machine's rank 1
             */
            label: string | null;
        };
        /**
         * ErrorResponse
         * @description The body of every error response except 422.
         */
        ErrorResponse: {
            /** Detail */
            detail: string;
        };
        /** ExecutionProvider */
        ExecutionProvider: {
            /**
             * Task
             * @enum {string}
             */
            task: "detection" | "classification";
            /**
             * Providers
             * @description ONNX Runtime execution providers of the session, preferred first
             */
            providers: string[];
            /** Host */
            host: string;
            /**
             * Reported At
             * Format: date-time
             */
            reported_at: string;
        };
        /** FtpAccountCreate */
        FtpAccountCreate: {
            /** Username */
            username: string;
            /** Password */
            password: string;
            /**
             * Project
             * @description The project new cameras seen through this account are registered in (not archived)
             * @default default
             */
            project: string;
            /** Camera Name */
            camera_name?: string | null;
            /**
             * Allow Plain Ftp
             * @default false
             */
            allow_plain_ftp: boolean;
            /**
             * Ip Allowlist
             * @default []
             */
            ip_allowlist: string[];
            /**
             * Enabled
             * @default true
             */
            enabled: boolean;
        };
        /**
         * FtpAccountOut
         * @description An upload account. The password is write-only and never returned.
         */
        FtpAccountOut: {
            /** Id */
            id: number;
            /** Username */
            username: string;
            /**
             * Project
             * @description Slug of the project the account uploads for
             */
            project: string;
            /** Camera Name */
            camera_name: string | null;
            /** Allow Plain Ftp */
            allow_plain_ftp: boolean;
            /** Ip Allowlist */
            ip_allowlist: string[];
            /** Enabled */
            enabled: boolean;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Updated At */
            updated_at: string | null;
            /**
             * Cleartext Warning
             * @description Set when plain FTP is allowed: the password and photos travel unencrypted
             */
            cleartext_warning: string | null;
        };
        /**
         * FtpAccountUpdate
         * @description Only the fields sent are changed.
         */
        FtpAccountUpdate: {
            /** Password */
            password?: string | null;
            /** Project */
            project?: string | null;
            /** Camera Name */
            camera_name?: string | null;
            /** Allow Plain Ftp */
            allow_plain_ftp?: boolean | null;
            /** Ip Allowlist */
            ip_allowlist?: string[] | null;
            /** Enabled */
            enabled?: boolean | null;
        };
        /** HTTPValidationError */
        HTTPValidationError: {
            /** Detail */
            detail?: components["schemas"]["ValidationError"][];
        };
        /** HashCheck */
        HashCheck: {
            /**
             * Sha256
             * @description sha256 of each file, lowercase hex
             */
            sha256: string[];
        };
        /** HashCheckOut */
        HashCheckOut: {
            /**
             * Known
             * @description The hashes already on the server; the rest are new
             */
            known: components["schemas"]["KnownFile"][];
        };
        /** HealthOut */
        HealthOut: {
            /**
             * Status
             * @enum {string}
             */
            status: "ok" | "degraded";
            database: components["schemas"]["ComponentHealth"];
            redis: components["schemas"]["ComponentHealth"];
            storage: components["schemas"]["ComponentHealth"];
            queues: components["schemas"]["QueueHealth"];
        };
        /** ImageDetail */
        ImageDetail: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Camera Id */
            camera_id: number | null;
            /** Camera Name */
            camera_name: string | null;
            /** Original Filename */
            original_filename: string;
            status: components["schemas"]["ImageStatus"];
            review_status: components["schemas"]["ReviewStatus"];
            /**
             * Captured At
             * @description When the photo was taken: the EXIF time corrected by its deployment's clock offset; null when the photo carries no capture time (see capture_time_known)
             */
            captured_at: string | null;
            /**
             * Capture Time Known
             * @description False when the photo has no EXIF capture time: it is left out of date filters and time statistics unless asked for, and sorts after dated images; show uploaded_at as the upload time
             */
            capture_time_known: boolean;
            /**
             * Uploaded At
             * @description When the file was uploaded (file time in the upload area)
             */
            uploaded_at: string | null;
            /**
             * Received At
             * Format: date-time
             * @description When ingestion stored the image
             */
            received_at: string;
            /** Completed At */
            completed_at: string | null;
            /** Width */
            width: number | null;
            /** Height */
            height: number | null;
            /**
             * Thumbnail Url
             * @description Signed, time-limited URL; null when no thumbnail exists yet
             */
            thumbnail_url: string | null;
            /**
             * Media Kind
             * @description video: a clip from an SD card, stored and listed (thumbnail = its poster frame) but not analysed by the image models yet: it is completed with no detections
             * @default image
             * @enum {string}
             */
            media_kind: "image" | "video";
            /**
             * Detection Count
             * @description Detections at or above the display threshold (any category)
             */
            detection_count: number;
            /**
             * Animal Count
             * @description Animal detections at or above the display threshold
             */
            animal_count: number;
            /**
             * Top Species
             * @description The best species label (a human correction wins), or null
             */
            top_species: string | null;
            /**
             * Top Species Score
             * @description Classification score of top_species (1.0 for a human label)
             */
            top_species_score: number | null;
            /**
             * Top Confidence
             * @description Highest detection confidence in the image; what min_confidence filters and sort=confidence orders by
             */
            top_confidence: number | null;
            /**
             * Species
             * @description Distinct species labels in the image (human corrections win)
             */
            species: string[];
            /**
             * Sequence Id
             * Format: uuid
             * @description The image's sequence: the id of its first frame. Frames of one camera at most the project's sequence_gap_seconds after the previous frame form one sequence; an image without a capture time is its own
             */
            sequence_id: string;
            /**
             * Frame Count
             * @description Frames in the image's sequence (all of them, whatever the filters)
             */
            frame_count: number;
            camera: components["schemas"]["CameraRef"] | null;
            /** File Size */
            file_size: number;
            /** Mime Type */
            mime_type: string | null;
            /** Exif */
            exif: {
                [key: string]: unknown;
            };
            gps: components["schemas"]["LatLon"] | null;
            /** Camera Make */
            camera_make: string | null;
            /** Camera Model */
            camera_model: string | null;
            /** Camera Serial */
            camera_serial: string | null;
            /**
             * Exif Captured At
             * @description The capture time as the camera's clock wrote it, before the deployment's clock offset
             */
            exif_captured_at: string | null;
            /**
             * Deployment Id
             * @description The deployment active at the capture time, if any
             */
            deployment_id: number | null;
            /** Detection Started At */
            detection_started_at: string | null;
            /** Detected At */
            detected_at: string | null;
            /** Classification Started At */
            classification_started_at: string | null;
            /** Failed At */
            failed_at: string | null;
            /** Rejected At */
            rejected_at: string | null;
            durations: components["schemas"]["StageDurations"];
            /** Error */
            error: string | null;
            /** Attempts */
            attempts: number;
            /** Duplicate Uploads */
            duplicate_uploads: number;
            /**
             * Url
             * @description Signed, time-limited URL of the image: with people blurred while blurring is on, unless a project admin asked for the original (?original=true)
             */
            url: string | null;
            /**
             * People Blurred
             * @description True when `url` (and the thumbnail) show people blurred
             * @default false
             */
            people_blurred: boolean;
            /**
             * Display Threshold
             * @description Detections below this confidence are stored but not counted
             */
            display_threshold: number;
            /** Detections */
            detections: components["schemas"]["DetectionOut"][];
            /** Reviewed By */
            reviewed_by: number | null;
            /** Reviewed By Email */
            reviewed_by_email: string | null;
            /** Reviewed At */
            reviewed_at: string | null;
            /**
             * Prev Id
             * @description The image before this one in the list under the same filters
             */
            prev_id: string | null;
            /**
             * Next Id
             * @description The image after this one in the list under the same filters
             */
            next_id: string | null;
            /** @description The frames of this image's sequence (one frame: the image alone) */
            sequence: components["schemas"]["SequenceFrames"];
        };
        /** ImagePage */
        ImagePage: {
            /** Items */
            items: components["schemas"]["ImageSummary"][];
            /** Total */
            total: number;
            /** Page */
            page: number;
            /** Limit */
            limit: number;
            /** Pages */
            pages: number;
            /**
             * Total Exact
             * @description False when `total` is a lower bound: there are more (lists that stop counting early)
             * @default true
             */
            total_exact: boolean;
        };
        /**
         * ImageStatus
         * @description The pipeline state machine (ARCHITECTURE §2).
         * @enum {string}
         */
        ImageStatus: "received" | "detecting" | "detected" | "classifying" | "completed" | "failed" | "rejected";
        /** ImageSummary */
        ImageSummary: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Camera Id */
            camera_id: number | null;
            /** Camera Name */
            camera_name: string | null;
            /** Original Filename */
            original_filename: string;
            status: components["schemas"]["ImageStatus"];
            review_status: components["schemas"]["ReviewStatus"];
            /**
             * Captured At
             * @description When the photo was taken: the EXIF time corrected by its deployment's clock offset; null when the photo carries no capture time (see capture_time_known)
             */
            captured_at: string | null;
            /**
             * Capture Time Known
             * @description False when the photo has no EXIF capture time: it is left out of date filters and time statistics unless asked for, and sorts after dated images; show uploaded_at as the upload time
             */
            capture_time_known: boolean;
            /**
             * Uploaded At
             * @description When the file was uploaded (file time in the upload area)
             */
            uploaded_at: string | null;
            /**
             * Received At
             * Format: date-time
             * @description When ingestion stored the image
             */
            received_at: string;
            /** Completed At */
            completed_at: string | null;
            /** Width */
            width: number | null;
            /** Height */
            height: number | null;
            /**
             * Thumbnail Url
             * @description Signed, time-limited URL; null when no thumbnail exists yet
             */
            thumbnail_url: string | null;
            /**
             * Media Kind
             * @description video: a clip from an SD card, stored and listed (thumbnail = its poster frame) but not analysed by the image models yet: it is completed with no detections
             * @default image
             * @enum {string}
             */
            media_kind: "image" | "video";
            /**
             * Detection Count
             * @description Detections at or above the display threshold (any category)
             */
            detection_count: number;
            /**
             * Animal Count
             * @description Animal detections at or above the display threshold
             */
            animal_count: number;
            /**
             * Top Species
             * @description The best species label (a human correction wins), or null
             */
            top_species: string | null;
            /**
             * Top Species Score
             * @description Classification score of top_species (1.0 for a human label)
             */
            top_species_score: number | null;
            /**
             * Top Confidence
             * @description Highest detection confidence in the image; what min_confidence filters and sort=confidence orders by
             */
            top_confidence: number | null;
            /**
             * Species
             * @description Distinct species labels in the image (human corrections win)
             */
            species: string[];
            /**
             * Sequence Id
             * Format: uuid
             * @description The image's sequence: the id of its first frame. Frames of one camera at most the project's sequence_gap_seconds after the previous frame form one sequence; an image without a capture time is its own
             */
            sequence_id: string;
            /**
             * Frame Count
             * @description Frames in the image's sequence (all of them, whatever the filters)
             */
            frame_count: number;
        };
        /** ImageUploadStatus */
        ImageUploadStatus: {
            /**
             * Image Id
             * Format: uuid
             */
            image_id: string;
            /** Status */
            status: string;
            /** Reason */
            reason: string | null;
            /** Filename */
            filename: string;
            /** Upload Door */
            upload_door: string;
            /**
             * Received At
             * Format: date-time
             */
            received_at: string;
            /** Completed At */
            completed_at: string | null;
        };
        /**
         * ImportResult
         * @description What an import added to the project.
         */
        ImportResult: {
            /**
             * Format
             * @enum {string}
             */
            format: "camtrap-dp" | "megadetector";
            /**
             * Cameras
             * @description Cameras created (existing cameras of the same name are reused)
             */
            cameras: number;
            /** Deployments */
            deployments: number;
            /** Images */
            images: number;
            /** Detections */
            detections: number;
            /** Machine Labels */
            machine_labels: number;
            /**
             * Human Labels
             * @description Human species corrections (Camtrap DP classificationMethod=human)
             */
            human_labels: number;
        };
        /**
         * InstalledModel
         * @description A catalog entry (models/catalog.yaml) whose file is in the models directory or the `models` bucket.
         */
        InstalledModel: {
            /** Name */
            name: string;
            /** Version */
            version: string;
            /**
             * Task
             * @enum {string}
             */
            task: "detection" | "classification";
            /** Demo */
            demo: boolean;
            /** License */
            license: string;
            /**
             * Source
             * @description Where the catalog says it comes from, e.g. 'url: https://...'
             */
            source: string;
            /** Homepage */
            homepage: string | null;
            /** File */
            file: string;
            /**
             * Location
             * @enum {string}
             */
            location: "directory" | "bucket";
            /** Size Bytes */
            size_bytes: number | null;
            /**
             * Catalog Sha256
             * @description null: nobody has recorded the upstream file's hash yet
             */
            catalog_sha256: string | null;
            /**
             * File Sha256
             * @description Of the installed file; null when it could not be read
             */
            file_sha256: string | null;
            /**
             * Sha256 Status
             * @description match/mismatch against the catalog; unknown when the catalog has no hash
             * @enum {string}
             */
            sha256_status: "match" | "mismatch" | "unknown";
            /**
             * Active
             * @description A worker has loaded this file (same name and hash)
             */
            active: boolean;
        };
        /** KnownFile */
        KnownFile: {
            /** Sha256 */
            sha256: string;
            /**
             * Image Id
             * @description Null when the content is held by another project
             */
            image_id: string | null;
            /** Status */
            status: string | null;
        };
        /** LatLon */
        LatLon: {
            /** Lat */
            lat: number;
            /** Lon */
            lon: number;
        };
        /**
         * LogKind
         * @enum {string}
         */
        LogKind: "match" | "health" | "silent" | "system" | "digest";
        /** LoginRequest */
        LoginRequest: {
            /** Email */
            email: string;
            /** Password */
            password: string;
        };
        /** MapConfig */
        MapConfig: {
            /**
             * Tile Url
             * @description Leaflet URL template of the base map tiles ({z}/{x}/{y}, optional {s} sub-domain); null: no tiles, the map shows a plain background
             */
            tile_url: string | null;
            /**
             * Attribution
             * @description HTML credit line of the tile provider (may be empty)
             */
            attribution: string;
        };
        /**
         * MemberAdd
         * @description The user to add, by id or by e-mail (project admins who are not server admins cannot list users).
         */
        MemberAdd: {
            /** User Id */
            user_id?: number | null;
            /**
             * Email
             * @description E-mail of an existing user
             */
            email?: string | null;
            role: components["schemas"]["UserRole"];
        };
        /** MemberOut */
        MemberOut: {
            /** User Id */
            user_id: number;
            /** Email */
            email: string;
            /** Full Name */
            full_name: string | null;
            role: components["schemas"]["UserRole"];
            /** Is Active */
            is_active: boolean;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /** MemberUpdate */
        MemberUpdate: {
            role: components["schemas"]["UserRole"];
        };
        /** ModelsConfig */
        ModelsConfig: {
            /**
             * Demo
             * @description True while any active model is a demo model: the dashboard shows a banner
             */
            demo: boolean;
            /**
             * Demo Models
             * @description name@version of each active demo model
             */
            demo_models: string[];
            /**
             * Active
             * @description What the detection and classification workers loaded at their last start; empty until one has started
             */
            active: components["schemas"]["ActiveModel"][];
        };
        /** ModelsOverview */
        ModelsOverview: {
            /** Installed */
            installed: components["schemas"]["InstalledModel"][];
            /**
             * Active
             * @description What the detection and classification workers loaded
             */
            active: components["schemas"]["ActiveModel"][];
            /**
             * Providers
             * @description Reported by each stage's last started worker
             */
            providers: components["schemas"]["ExecutionProvider"][];
            settings: components["schemas"]["RuntimeSettingsOut"];
            /**
             * Catalog Error
             * @description Why the catalog could not be read; null when it was
             */
            catalog_error: string | null;
        };
        /** Occupancy */
        Occupancy: {
            /**
             * Sites Surveyed
             * @description Distinct deployment locations (coordinates to 5 decimals, about 1 m) with trap-days > 0
             */
            sites_surveyed: number;
            /**
             * Species
             * @description Highest occupancy first
             */
            species: components["schemas"]["SpeciesOccupancy"][];
        };
        /** Page[AlertHistoryItem] */
        Page_AlertHistoryItem_: {
            /** Items */
            items: components["schemas"]["AlertHistoryItem"][];
            /** Total */
            total: number;
            /** Page */
            page: number;
            /** Limit */
            limit: number;
            /** Pages */
            pages: number;
            /**
             * Total Exact
             * @description False when `total` is a lower bound: there are more (lists that stop counting early)
             * @default true
             */
            total_exact: boolean;
        };
        /** PointGeometry */
        PointGeometry: {
            /**
             * Type
             * @default Point
             * @constant
             */
            type: "Point";
            /**
             * Coordinates
             * @description [longitude, latitude] (GeoJSON order)
             */
            coordinates: number[];
        };
        /**
         * PolygonGeometry
         * @description A GeoJSON Polygon in longitude/latitude: closed rings of at least four positions, not crossing itself.
         */
        PolygonGeometry: {
            /**
             * Type
             * @constant
             */
            type: "Polygon";
            /**
             * Coordinates
             * @description Rings of [longitude, latitude] positions; the first ring is the outline, others holes
             */
            coordinates: number[][][];
        };
        /** ProjectCreate */
        ProjectCreate: {
            /** Name */
            name: string;
            /** Description */
            description?: string | null;
            /**
             * Timezone
             * @description IANA time zone, e.g. Europe/Amsterdam
             */
            timezone?: string | null;
            /** Independence Interval Minutes */
            independence_interval_minutes?: number | null;
            /** Sequence Gap Seconds */
            sequence_gap_seconds?: number | null;
            /** Allowed Species */
            allowed_species?: string[] | null;
            /**
             * Geofence Countries
             * @description Geofence: ISO 3166-1 alpha-3 countries of the project's cameras; species the classifier's range map places elsewhere are removed before the top-5 is stored (empty = no country geofence)
             */
            geofence_countries?: string[] | null;
            thresholds?: components["schemas"]["Thresholds"] | null;
            /** Slug */
            slug: string;
        };
        /** ProjectOut */
        ProjectOut: {
            /** Id */
            id: number;
            /** Slug */
            slug: string;
            /** Name */
            name: string;
            /** Description */
            description: string | null;
            /** Timezone */
            timezone: string;
            /** Independence Interval Minutes */
            independence_interval_minutes: number;
            /** Sequence Gap Seconds */
            sequence_gap_seconds: number;
            /** Allowed Species */
            allowed_species: string[];
            /** Geofence Countries */
            geofence_countries: string[];
            thresholds: components["schemas"]["Thresholds"];
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Archived At */
            archived_at: string | null;
            /** @description Your role in this project (admin for server admins) */
            role: components["schemas"]["UserRole"];
        };
        /** ProjectUpdate */
        ProjectUpdate: {
            /** Name */
            name?: string | null;
            /** Description */
            description?: string | null;
            /**
             * Timezone
             * @description IANA time zone, e.g. Europe/Amsterdam
             */
            timezone?: string | null;
            /** Independence Interval Minutes */
            independence_interval_minutes?: number | null;
            /** Sequence Gap Seconds */
            sequence_gap_seconds?: number | null;
            /** Allowed Species */
            allowed_species?: string[] | null;
            /**
             * Geofence Countries
             * @description Geofence: ISO 3166-1 alpha-3 countries of the project's cameras; species the classifier's range map places elsewhere are removed before the top-5 is stored (empty = no country geofence)
             */
            geofence_countries?: string[] | null;
            thresholds?: components["schemas"]["Thresholds"] | null;
        };
        /** QueueHealth */
        QueueHealth: {
            /** Ok */
            ok: boolean;
            /**
             * Depths
             * @description Messages waiting per pipeline queue
             */
            depths: {
                [key: string]: number;
            };
            /** In Flight */
            in_flight?: {
                [key: string]: number;
            };
            /** Dead Letters */
            dead_letters?: number | null;
        };
        /** Rai */
        Rai: {
            /**
             * Independence Interval Minutes
             * @description The project setting the events were grouped with
             */
            independence_interval_minutes: number;
            /**
             * Trap Days
             * @description Total trap-days of the deployments in the filters
             */
            trap_days: number;
            /**
             * Species
             * @description Over all deployments, most events first
             */
            species: components["schemas"]["SpeciesRai"][];
            /** Deployments */
            deployments: components["schemas"]["DeploymentRai"][];
        };
        /** RecipientTestResult */
        RecipientTestResult: {
            /**
             * Recipient
             * @description "" for channels with one fixed destination (webhook, EarthRanger)
             */
            recipient: string;
            /** Ok */
            ok: boolean;
            /**
             * Status
             * @enum {string}
             */
            status: "sent" | "failed";
            /**
             * Receipt
             * @description What the receiver answered (message id, HTTP status, body)
             */
            receipt: {
                [key: string]: unknown;
            } | null;
            /** Error */
            error: string | null;
        };
        /** ReprocessJobOut */
        ReprocessJobOut: {
            /** Id */
            id: number;
            /** Project Slug */
            project_slug: string;
            /**
             * Stages
             * @enum {string}
             */
            stages: "detection" | "classification";
            /**
             * Total
             * @description Images sent back through the pipeline
             */
            total: number;
            /**
             * Done
             * @description Of those, completed since the job started
             */
            done: number;
            /** Failed */
            failed: number;
            /**
             * Skipped
             * @description Matched the filter but were still in the pipeline, failed or rejected
             */
            skipped: number;
            /**
             * State
             * @enum {string}
             */
            state: "running" | "finished";
            /**
             * Detector
             * @description name@version active when the job started
             */
            detector: string | null;
            /** Classifier */
            classifier: string | null;
            /** Filters */
            filters: {
                [key: string]: unknown;
            };
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Created By Email */
            created_by_email: string | null;
        };
        /** ReprocessRequest */
        ReprocessRequest: {
            /**
             * Stages
             * @description detection: detect and classify again; classification: classify the existing crops again
             * @default detection
             * @enum {string}
             */
            stages: "detection" | "classification";
        };
        /** RetryResult */
        RetryResult: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            status: components["schemas"]["ImageStatus"];
        };
        /** ReviewRequest */
        ReviewRequest: {
            status: components["schemas"]["ReviewStatus"];
            /** Note */
            note?: string | null;
        };
        /** ReviewResult */
        ReviewResult: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            review_status: components["schemas"]["ReviewStatus"];
            /** Reviewed By */
            reviewed_by: number | null;
            /** Reviewed At */
            reviewed_at: string | null;
        };
        /**
         * ReviewStatus
         * @enum {string}
         */
        ReviewStatus: "unreviewed" | "approved" | "rejected" | "flagged";
        /**
         * RuleKind
         * @enum {string}
         */
        RuleKind: "species" | "camera_health" | "camera_silent" | "system";
        /** RuntimeSettingsOut */
        RuntimeSettingsOut: {
            /**
             * Detection Store Threshold
             * @description Detections at or above this are stored
             */
            detection_store_threshold: number;
            /**
             * Detection Classify Threshold
             * @description Animals at or above this are cropped and classified
             */
            detection_classify_threshold: number;
            /**
             * Classification Min Score
             * @description Machine species labels below this are not stored
             */
            classification_min_score: number;
            /**
             * Classification Rollup Threshold
             * @description Summed probability a genus/family/order needs for a low-confidence species to roll up to it
             */
            classification_rollup_threshold: number;
            /**
             * Blur People
             * @description People blurred in thumbnails, crops and images for non-admins
             */
            blur_people: boolean;
            /**
             * Ttl Seconds
             * @description Workers and the API pick a change up within this many seconds
             */
            ttl_seconds: number;
            /** Updated At */
            updated_at: string | null;
            /** Updated By Email */
            updated_by_email: string | null;
        };
        /**
         * RuntimeSettingsUpdate
         * @description Only the fields given change; the result must keep crop/classify >= store.
         */
        RuntimeSettingsUpdate: {
            /** Detection Store Threshold */
            detection_store_threshold?: number | null;
            /** Detection Classify Threshold */
            detection_classify_threshold?: number | null;
            /** Classification Min Score */
            classification_min_score?: number | null;
            /** Classification Rollup Threshold */
            classification_rollup_threshold?: number | null;
            /** Blur People */
            blur_people?: boolean | null;
        };
        /** SequenceDetail */
        SequenceDetail: {
            /**
             * Id
             * Format: uuid
             * @description The sequence id (its first frame's image id)
             */
            id: string;
            /** Camera Id */
            camera_id: number | null;
            /** Frame Count */
            frame_count: number;
            /**
             * Start
             * @description Capture time of the first frame
             */
            start: string | null;
            /**
             * End
             * @description Capture time of the last frame
             */
            end: string | null;
            /**
             * Frames
             * @description The frames in capture order (at most 500)
             */
            frames: components["schemas"]["ImageSummary"][];
        };
        /**
         * SequenceFrames
         * @description The frames of an image's sequence, for stepping through them in the detail view.
         */
        SequenceFrames: {
            /**
             * Id
             * Format: uuid
             * @description The sequence id (its first frame's image id)
             */
            id: string;
            /** Frame Count */
            frame_count: number;
            /**
             * Position
             * @description 0-based index of this image among the sequence's frames, in capture order
             */
            position: number;
            /**
             * Offset
             * @description Index of frame_ids[0] in the whole sequence: 0 unless the sequence has more than 1000 frames, when frame_ids is the 1000 frames around this one
             */
            offset: number;
            /**
             * Frame Ids
             * @description Frame image ids in capture order (ties by id)
             */
            frame_ids: string[];
        };
        /** SequenceReviewResult */
        SequenceReviewResult: {
            /**
             * Sequence Id
             * Format: uuid
             */
            sequence_id: string;
            /**
             * Updated
             * @description Every frame of the sequence, now with the new review status
             */
            updated: string[];
        };
        /** SpeciesCorrection */
        SpeciesCorrection: {
            /** Label */
            label: string;
        };
        /** SpeciesCount */
        SpeciesCount: {
            /** Species */
            species: string;
            /**
             * Count
             * @description Detections with this label (human corrections win over the machine label)
             */
            count: number;
            /**
             * Image Count
             * @description Images with at least one such detection
             */
            image_count: number;
        };
        /** SpeciesGroupOut */
        SpeciesGroupOut: {
            /**
             * Name
             * @description What a rule names in `conditions.groups`
             */
            name: string;
            /**
             * Label
             * @description The name for display
             */
            label: string;
            /** Species */
            species: string[];
        };
        /**
         * SpeciesGroupsOut
         * @description The groups and labels a species rule may name (`data/species_groups.toml` or SPECIES_GROUPS_FILE).
         */
        SpeciesGroupsOut: {
            /** Groups */
            groups: components["schemas"]["SpeciesGroupOut"][];
            /**
             * Labels
             * @description Every species label a rule may name in `conditions.species`
             */
            labels: string[];
        };
        /** SpeciesLabelCreate */
        SpeciesLabelCreate: {
            /** Label */
            label: string;
        };
        /** SpeciesLabelCreated */
        SpeciesLabelCreated: {
            /**
             * Label
             * @description The value a correction stores (lower case)
             */
            label: string;
            /**
             * Display
             * @description How the dashboard names it ('Blank / false trigger' for blank)
             */
            display: string;
            /**
             * Kind
             * @description special: blank, person, vehicle; species: the classifier's and the taxonomy's labels; group: a taxonomy group (e.g. 'carnivores') for an animal seen too badly to name; custom: added by an admin
             * @enum {string}
             */
            kind: "special" | "species" | "group" | "custom";
            /**
             * Aliases
             * @description Other words a search finds it by ('human')
             */
            aliases?: string[];
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /** SpeciesLabelList */
        SpeciesLabelList: {
            /** Labels */
            labels: components["schemas"]["SpeciesLabelOut"][];
        };
        /** SpeciesLabelOut */
        SpeciesLabelOut: {
            /**
             * Label
             * @description The value a correction stores (lower case)
             */
            label: string;
            /**
             * Display
             * @description How the dashboard names it ('Blank / false trigger' for blank)
             */
            display: string;
            /**
             * Kind
             * @description special: blank, person, vehicle; species: the classifier's and the taxonomy's labels; group: a taxonomy group (e.g. 'carnivores') for an animal seen too badly to name; custom: added by an admin
             * @enum {string}
             */
            kind: "special" | "species" | "group" | "custom";
            /**
             * Aliases
             * @description Other words a search finds it by ('human')
             */
            aliases?: string[];
        };
        /** SpeciesOccupancy */
        SpeciesOccupancy: {
            /** Species */
            species: string;
            /**
             * Sites Detected
             * @description Sites with at least one image of the species
             */
            sites_detected: number;
            /**
             * Naive Occupancy
             * @description sites_detected / sites_surveyed (0..1)
             */
            naive_occupancy: number;
        };
        /** SpeciesRai */
        SpeciesRai: {
            /** Species */
            species: string;
            /**
             * Events
             * @description Independent events of the species
             */
            events: number;
            /**
             * Detections
             * @description Images showing the species (one per image, however many individuals)
             */
            detections: number;
            /**
             * Rai
             * @description events per 100 trap-days; null when there are no trap-days
             */
            rai: number | null;
        };
        /**
         * StageDurations
         * @description Seconds spent in each stage; null when a stage has not happened.
         */
        StageDurations: {
            /** Upload To Received */
            upload_to_received: number | null;
            /** Waiting For Detection */
            waiting_for_detection: number | null;
            /** Detection */
            detection: number | null;
            /** Waiting For Classification */
            waiting_for_classification: number | null;
            /** Classification */
            classification: number | null;
            /**
             * Total
             * @description received_at to completed_at
             */
            total: number | null;
        };
        /**
         * StatusCounts
         * @description Images per pipeline status under the gallery's other filters. The gallery shows the processing
         *     and completed ones by default and offers rejected and failed uploads as a filter with these counts.
         */
        StatusCounts: {
            /**
             * Received
             * @default 0
             */
            received: number;
            /**
             * Detecting
             * @default 0
             */
            detecting: number;
            /**
             * Detected
             * @default 0
             */
            detected: number;
            /**
             * Classifying
             * @default 0
             */
            classifying: number;
            /**
             * Completed
             * @default 0
             */
            completed: number;
            /**
             * Failed
             * @default 0
             */
            failed: number;
            /**
             * Rejected
             * @default 0
             */
            rejected: number;
        };
        /** Summary */
        Summary: {
            /**
             * Total Images
             * @description Images, rejected uploads excluded
             */
            total_images: number;
            /** Completed Images */
            completed_images: number;
            /**
             * Species Count
             * @description Distinct species labels
             */
            species_count: number;
            /**
             * Active Cameras
             * @description Cameras that sent an image in the last 7 days
             */
            active_cameras: number;
            /**
             * Processed Today
             * @description Images completed since midnight UTC
             */
            processed_today: number;
            /**
             * Pending
             * @description Images still in the pipeline
             */
            pending: number;
            /** Failed */
            failed: number;
            /** Rejected */
            rejected: number;
        };
        /**
         * Thresholds
         * @description Project defaults; a missing value means the server setting applies.
         */
        Thresholds: {
            /** Detection */
            detection?: number | null;
            /** Classification */
            classification?: number | null;
        };
        /** TimelinePoint */
        TimelinePoint: {
            /**
             * Timestamp
             * Format: date-time
             * @description Start of the interval (UTC; weeks start on Monday)
             */
            timestamp: string;
            /**
             * Count
             * @description Images captured in the interval; every interval of the range is listed, empty ones with 0
             */
            count: number;
        };
        /** TokenResponse */
        TokenResponse: {
            /** Access Token */
            access_token: string;
            /**
             * Token Type
             * @default bearer
             * @constant
             */
            token_type: "bearer";
            /**
             * Expires In
             * @description Seconds until the access token expires
             */
            expires_in: number;
            user: components["schemas"]["UserOut"];
        };
        /** TrapDays */
        TrapDays: {
            /**
             * Total
             * @description Sum of trap_days over the deployments
             */
            total: number;
            /** Deployments */
            deployments: components["schemas"]["DeploymentTrapDays"][];
        };
        /**
         * TriggerMode
         * @enum {string}
         */
        TriggerMode: "immediate" | "digest_hourly" | "digest_daily";
        /** UnassignedCamera */
        UnassignedCamera: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Serial Number */
            serial_number: string | null;
            /** Make */
            make: string | null;
            /** Model */
            model: string | null;
            /** Ftps Account */
            ftps_account: string | null;
            /**
             * Project
             * @description Slug of the project it registered in (its upload account's)
             */
            project: string;
            /** Project Name */
            project_name: string;
            /** @description From its photos' GPS, when they carry it */
            location: components["schemas"]["LatLon"] | null;
            /** Image Count */
            image_count: number;
            /** Last Image At */
            last_image_at: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /** UploadKeyCreate */
        UploadKeyCreate: {
            /**
             * Name
             * @description What the key is for: a camera, a station's gateway
             */
            name: string;
            /**
             * Camera Id
             * @description A per-camera key files every upload under this camera; none: a station key, ingestion identifies the camera as for FTPS
             */
            camera_id?: number | null;
        };
        /** UploadKeyCreated */
        UploadKeyCreated: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /**
             * Prefix
             * @description The first characters of the key, to tell keys apart
             */
            prefix: string;
            /** Camera Id */
            camera_id: number | null;
            /** Camera Name */
            camera_name: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Last Used At */
            last_used_at: string | null;
            /** Revoked At */
            revoked_at: string | null;
            /**
             * Key
             * @description The key: shown this once, store it on the device now
             */
            key: string;
        };
        /**
         * UploadKeyOut
         * @description An upload key. The key itself is shown once, when it is created; only its hash is stored.
         */
        UploadKeyOut: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /**
             * Prefix
             * @description The first characters of the key, to tell keys apart
             */
            prefix: string;
            /** Camera Id */
            camera_id: number | null;
            /** Camera Name */
            camera_name: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Last Used At */
            last_used_at: string | null;
            /** Revoked At */
            revoked_at: string | null;
        };
        /**
         * UploadResult
         * @description What ingestion made of one file (the same outcome and reason an FTPS upload gets).
         */
        UploadResult: {
            /**
             * Outcome
             * @description received, duplicate, rejected, report or report_rejected
             */
            outcome: string;
            /**
             * Status
             * @description The image's status (received ... completed, rejected); for a duplicate the status of the image that already holds the content
             */
            status: string | null;
            /** Image Id */
            image_id: string | null;
            /** Camera Id */
            camera_id?: number | null;
            /**
             * Reason
             * @description Why the file was rejected
             */
            reason?: string | null;
            /**
             * Duplicate
             * @default false
             */
            duplicate: boolean;
            /**
             * Status Url
             * @description Where the image's progress through the pipeline can be read
             */
            status_url?: string | null;
        };
        /**
         * UploadSessionOut
         * @description A resumable upload: how far it got, and once complete, what ingestion made of it.
         */
        UploadSessionOut: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Filename */
            filename: string;
            /** Length */
            length: number;
            /** Offset */
            offset: number;
            /** Complete */
            complete: boolean;
            result: components["schemas"]["UploadResult"] | null;
        };
        /** UserCreate */
        UserCreate: {
            /** Email */
            email: string;
            /** Password */
            password: string;
            /** Full Name */
            full_name?: string | null;
            /** @default viewer */
            role: components["schemas"]["UserRole"];
        };
        /** UserOut */
        UserOut: {
            /** Id */
            id: number;
            /** Email */
            email: string;
            /** Full Name */
            full_name: string | null;
            role: components["schemas"]["UserRole"];
            /** Is Active */
            is_active: boolean;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Last Login At */
            last_login_at: string | null;
        };
        /**
         * UserRole
         * @enum {string}
         */
        UserRole: "admin" | "analyst" | "viewer";
        /**
         * UserUpdate
         * @description Only the fields sent are changed.
         */
        UserUpdate: {
            /** Full Name */
            full_name?: string | null;
            role?: components["schemas"]["UserRole"] | null;
            /** Is Active */
            is_active?: boolean | null;
            /** Password */
            password?: string | null;
        };
        /** ValidationError */
        ValidationError: {
            /** Location */
            loc: (string | number)[];
            /** Message */
            msg: string;
            /** Error Type */
            type: string;
            /** Input */
            input?: unknown;
            /** Context */
            ctx?: Record<string, never>;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "auth-login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "auth-refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: {
                /** @description httpOnly refresh token cookie */
                addax_refresh?: string | null;
            };
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "auth-logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: {
                /** @description httpOnly refresh token cookie */
                addax_refresh?: string | null;
            };
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "auth-me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "users-list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserOut"][];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "users-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "users-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "users-delete": {
        parameters: {
            query?: {
                /** @description The e-mail address of the user to delete */
                confirm?: string | null;
            };
            header?: never;
            path: {
                user_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "users-update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserOut"];
                };
            };
            /** @description Bad request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "ftp-list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FtpAccountOut"][];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "ftp-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FtpAccountCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FtpAccountOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "ftp-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                account_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FtpAccountOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "ftp-delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                account_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "ftp-update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                account_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FtpAccountUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FtpAccountOut"];
                };
            };
            /** @description Bad request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "audit-list": {
        parameters: {
            query?: {
                /** @description 1-based page number */
                page?: number;
                /** @description Items per page (1..500) */
                limit?: number;
                user_id?: number | null;
                /** @description Exact action (`image.review`), or a prefix ending in a dot (`image.`) */
                action?: string | null;
                resource_type?: string | null;
                resource_id?: string | null;
                /** @description ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_from?: string | null;
                /** @description ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_to?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditLogPage"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "audit-list_project": {
        parameters: {
            query?: {
                /** @description 1-based page number */
                page?: number;
                /** @description Items per page (1..500) */
                limit?: number;
                user_id?: number | null;
                /** @description Exact action (`image.review`), or a prefix ending in a dot (`image.`) */
                action?: string | null;
                resource_type?: string | null;
                resource_id?: string | null;
                /** @description ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_from?: string | null;
                /** @description ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_to?: string | null;
            };
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditLogPage"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "projects-list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectOut"][];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "projects-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProjectCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "projects-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "projects-update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProjectUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "projects-archive": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "projects-unarchive": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "projects-members": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberOut"][];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "projects-add_member": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemberAdd"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "projects-remove_member": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: number;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "projects-update_member": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: number;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemberUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "images-list": {
        parameters: {
            query?: {
                /** @description 1-based page number */
                page?: number;
                /** @description Items per page (1..200) */
                limit?: number;
                /** @description `image` (default) or `sequence`: one item per sequence */
                group?: "image" | "sequence";
                /** @description captured_at sorts by capture time; images without one come after the dated ones */
                sort?: "captured_at" | "received_at" | "confidence" | "camera";
                order?: "asc" | "desc";
                /** @description Camera id; repeat for several cameras (`camera_id=1&camera_id=2`) */
                camera_id?: number[] | null;
                /** @description Species label; repeat for several. A human correction wins over the machine label */
                species?: string[] | null;
                /** @description Pipeline status; repeatable */
                status?: components["schemas"]["ImageStatus"][] | null;
                /** @description Review status; repeatable */
                review_status?: components["schemas"]["ReviewStatus"][] | null;
                /** @description Only images with a detection at least this confident */
                min_confidence?: number | null;
                /** @description Capture time from. Images without a capture time are left out of a date range unless `capture_time=unknown` or `any` asks for them (then their upload time is compared). ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_from?: string | null;
                /** @description Capture time up to, inclusive. ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_to?: string | null;
                /** @description `unknown`: only images without an EXIF capture time; `known`: only images with one; `any`: both, even with a date range (which otherwise keeps only dated images) */
                capture_time?: ("known" | "unknown" | "any") | null;
            };
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImagePage"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "images-status_counts": {
        parameters: {
            query?: {
                /** @description captured_at sorts by capture time; images without one come after the dated ones */
                sort?: "captured_at" | "received_at" | "confidence" | "camera";
                order?: "asc" | "desc";
                /** @description Camera id; repeat for several cameras (`camera_id=1&camera_id=2`) */
                camera_id?: number[] | null;
                /** @description Species label; repeat for several. A human correction wins over the machine label */
                species?: string[] | null;
                /** @description Pipeline status; repeatable */
                status?: components["schemas"]["ImageStatus"][] | null;
                /** @description Review status; repeatable */
                review_status?: components["schemas"]["ReviewStatus"][] | null;
                /** @description Only images with a detection at least this confident */
                min_confidence?: number | null;
                /** @description Capture time from. Images without a capture time are left out of a date range unless `capture_time=unknown` or `any` asks for them (then their upload time is compared). ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_from?: string | null;
                /** @description Capture time up to, inclusive. ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_to?: string | null;
                /** @description `unknown`: only images without an EXIF capture time; `known`: only images with one; `any`: both, even with a date range (which otherwise keeps only dated images) */
                capture_time?: ("known" | "unknown" | "any") | null;
            };
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusCounts"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "images-review_bulk": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkReviewRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkReviewResult"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "images-species_bulk": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkSpeciesRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkSpeciesResult"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "images-get": {
        parameters: {
            query?: {
                /** @description Project admins: the original with people unblurred (audited); others get 403 */
                original?: boolean;
                /** @description captured_at sorts by capture time; images without one come after the dated ones */
                sort?: "captured_at" | "received_at" | "confidence" | "camera";
                order?: "asc" | "desc";
                /** @description Camera id; repeat for several cameras (`camera_id=1&camera_id=2`) */
                camera_id?: number[] | null;
                /** @description Species label; repeat for several. A human correction wins over the machine label */
                species?: string[] | null;
                /** @description Pipeline status; repeatable */
                status?: components["schemas"]["ImageStatus"][] | null;
                /** @description Review status; repeatable */
                review_status?: components["schemas"]["ReviewStatus"][] | null;
                /** @description Only images with a detection at least this confident */
                min_confidence?: number | null;
                /** @description Capture time from. Images without a capture time are left out of a date range unless `capture_time=unknown` or `any` asks for them (then their upload time is compared). ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_from?: string | null;
                /** @description Capture time up to, inclusive. ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_to?: string | null;
                /** @description `unknown`: only images without an EXIF capture time; `known`: only images with one; `any`: both, even with a date range (which otherwise keeps only dated images) */
                capture_time?: ("known" | "unknown" | "any") | null;
            };
            header?: never;
            path: {
                /** @description Image id */
                image_id: string;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImageDetail"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "images-review": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Image id */
                image_id: string;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReviewRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewResult"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "images-approve": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Image id */
                image_id: string;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewResult"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "images-set_species": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Image id */
                image_id: string;
                detection_id: number;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SpeciesCorrection"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DetectionOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "images-reset_species": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Image id */
                image_id: string;
                detection_id: number;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DetectionOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "images-retry": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Image id */
                image_id: string;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetryResult"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "sequences-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Sequence id: the image id of its first frame */
                sequence_id: string;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SequenceDetail"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "sequences-review": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Sequence id: the image id of its first frame */
                sequence_id: string;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReviewRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SequenceReviewResult"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "species-list": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpeciesCount"][];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "species-labels": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpeciesLabelList"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "species-add_label": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SpeciesLabelCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpeciesLabelCreated"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "cameras-list": {
        parameters: {
            query?: {
                /** @description Camera id; repeat for several cameras (`camera_id=1&camera_id=2`) */
                camera_id?: number[] | null;
                /** @description Species label; repeat for several. A human correction wins over the machine label */
                species?: string[] | null;
                /** @description Pipeline status; repeatable */
                status?: components["schemas"]["ImageStatus"][] | null;
                /** @description Review status; repeatable */
                review_status?: components["schemas"]["ReviewStatus"][] | null;
                /** @description Only images with a detection at least this confident */
                min_confidence?: number | null;
                /** @description Capture time from. Images without a capture time are left out of a date range unless `capture_time=unknown` or `any` asks for them (then their upload time is compared). ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_from?: string | null;
                /** @description Capture time up to, inclusive. ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_to?: string | null;
                /** @description `unknown`: only images without an EXIF capture time; `known`: only images with one; `any`: both, even with a date range (which otherwise keeps only dated images) */
                capture_time?: ("known" | "unknown" | "any") | null;
            };
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CameraCollection"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "cameras-create": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CameraCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CameraOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "cameras-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                camera_id: number;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CameraDetail"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "cameras-update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                camera_id: number;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CameraUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CameraOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "cameras-assign": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                camera_id: number;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CameraAssign"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CameraOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "cameras-unassigned": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnassignedCamera"][];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "deployments-list": {
        parameters: {
            query?: {
                /** @description Only this camera's */
                camera_id?: number | null;
            };
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeploymentOut"][];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "deployments-create": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeploymentCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeploymentOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "deployments-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deployment_id: number;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeploymentOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "deployments-update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deployment_id: number;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeploymentUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeploymentOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "deployments-delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deployment_id: number;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "exports-export_camtrap_dp": {
        parameters: {
            query?: {
                /** @description `include`: photos in the zip; `urls`: signed URLs */
                media?: "include" | "urls";
                /** @description captured_at sorts by capture time; images without one come after the dated ones */
                sort?: "captured_at" | "received_at" | "confidence" | "camera";
                order?: "asc" | "desc";
                /** @description Camera id; repeat for several cameras (`camera_id=1&camera_id=2`) */
                camera_id?: number[] | null;
                /** @description Species label; repeat for several. A human correction wins over the machine label */
                species?: string[] | null;
                /** @description Pipeline status; repeatable */
                status?: components["schemas"]["ImageStatus"][] | null;
                /** @description Review status; repeatable */
                review_status?: components["schemas"]["ReviewStatus"][] | null;
                /** @description Only images with a detection at least this confident */
                min_confidence?: number | null;
                /** @description Capture time from. Images without a capture time are left out of a date range unless `capture_time=unknown` or `any` asks for them (then their upload time is compared). ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_from?: string | null;
                /** @description Capture time up to, inclusive. ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_to?: string | null;
                /** @description `unknown`: only images without an EXIF capture time; `known`: only images with one; `any`: both, even with a date range (which otherwise keeps only dated images) */
                capture_time?: ("known" | "unknown" | "any") | null;
            };
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The export, as an attachment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": string;
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "exports-export_megadetector": {
        parameters: {
            query?: {
                /** @description `include`: a zip of the JSON and the photos */
                media?: "none" | "include";
                /** @description captured_at sorts by capture time; images without one come after the dated ones */
                sort?: "captured_at" | "received_at" | "confidence" | "camera";
                order?: "asc" | "desc";
                /** @description Camera id; repeat for several cameras (`camera_id=1&camera_id=2`) */
                camera_id?: number[] | null;
                /** @description Species label; repeat for several. A human correction wins over the machine label */
                species?: string[] | null;
                /** @description Pipeline status; repeatable */
                status?: components["schemas"]["ImageStatus"][] | null;
                /** @description Review status; repeatable */
                review_status?: components["schemas"]["ReviewStatus"][] | null;
                /** @description Only images with a detection at least this confident */
                min_confidence?: number | null;
                /** @description Capture time from. Images without a capture time are left out of a date range unless `capture_time=unknown` or `any` asks for them (then their upload time is compared). ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_from?: string | null;
                /** @description Capture time up to, inclusive. ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_to?: string | null;
                /** @description `unknown`: only images without an EXIF capture time; `known`: only images with one; `any`: both, even with a date range (which otherwise keeps only dated images) */
                capture_time?: ("known" | "unknown" | "any") | null;
            };
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The export, as an attachment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                    "application/zip": string;
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "exports-export_csv": {
        parameters: {
            query?: {
                /** @description Which table */
                table?: "images" | "observations";
                /** @description captured_at sorts by capture time; images without one come after the dated ones */
                sort?: "captured_at" | "received_at" | "confidence" | "camera";
                order?: "asc" | "desc";
                /** @description Camera id; repeat for several cameras (`camera_id=1&camera_id=2`) */
                camera_id?: number[] | null;
                /** @description Species label; repeat for several. A human correction wins over the machine label */
                species?: string[] | null;
                /** @description Pipeline status; repeatable */
                status?: components["schemas"]["ImageStatus"][] | null;
                /** @description Review status; repeatable */
                review_status?: components["schemas"]["ReviewStatus"][] | null;
                /** @description Only images with a detection at least this confident */
                min_confidence?: number | null;
                /** @description Capture time from. Images without a capture time are left out of a date range unless `capture_time=unknown` or `any` asks for them (then their upload time is compared). ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_from?: string | null;
                /** @description Capture time up to, inclusive. ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_to?: string | null;
                /** @description `unknown`: only images without an EXIF capture time; `known`: only images with one; `any`: both, even with a date range (which otherwise keeps only dated images) */
                capture_time?: ("known" | "unknown" | "any") | null;
            };
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The export, as an attachment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "exports-export_xlsx": {
        parameters: {
            query?: {
                /** @description captured_at sorts by capture time; images without one come after the dated ones */
                sort?: "captured_at" | "received_at" | "confidence" | "camera";
                order?: "asc" | "desc";
                /** @description Camera id; repeat for several cameras (`camera_id=1&camera_id=2`) */
                camera_id?: number[] | null;
                /** @description Species label; repeat for several. A human correction wins over the machine label */
                species?: string[] | null;
                /** @description Pipeline status; repeatable */
                status?: components["schemas"]["ImageStatus"][] | null;
                /** @description Review status; repeatable */
                review_status?: components["schemas"]["ReviewStatus"][] | null;
                /** @description Only images with a detection at least this confident */
                min_confidence?: number | null;
                /** @description Capture time from. Images without a capture time are left out of a date range unless `capture_time=unknown` or `any` asks for them (then their upload time is compared). ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_from?: string | null;
                /** @description Capture time up to, inclusive. ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_to?: string | null;
                /** @description `unknown`: only images without an EXIF capture time; `known`: only images with one; `any`: both, even with a date range (which otherwise keeps only dated images) */
                capture_time?: ("known" | "unknown" | "any") | null;
            };
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The export, as an attachment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "exports-import": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/zip": string;
                "application/octet-stream": string;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportResult"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "uploads-keys_list": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadKeyOut"][];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "uploads-keys_create": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UploadKeyCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadKeyCreated"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "uploads-keys_revoke": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key_id: number;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "uploads-check": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HashCheck"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HashCheckOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "uploads-tus_create": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Bad request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A dependency is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "uploads-tus_get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The upload's id (from the Location of its creation) */
                upload_id: string;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadSessionOut"];
                };
            };
            /** @description Bad request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A dependency is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "uploads-tus_delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The upload's id (from the Location of its creation) */
                upload_id: string;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A dependency is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "uploads-tus_head": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The upload's id (from the Location of its creation) */
                upload_id: string;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Bad request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A dependency is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "uploads-tus_patch": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The upload's id (from the Location of its creation) */
                upload_id: string;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A dependency is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "uploads-device_check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HashCheck"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HashCheckOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "uploads-device_tus_create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Bad request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A dependency is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "uploads-device_tus_get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The upload's id (from the Location of its creation) */
                upload_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadSessionOut"];
                };
            };
            /** @description Bad request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A dependency is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "uploads-device_tus_delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The upload's id (from the Location of its creation) */
                upload_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A dependency is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "uploads-device_tus_head": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The upload's id (from the Location of its creation) */
                upload_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Bad request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A dependency is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "uploads-device_tus_patch": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The upload's id (from the Location of its creation) */
                upload_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A dependency is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "uploads-device_upload": {
        parameters: {
            query?: {
                /** @description The file's name (raw body) */
                filename?: string | null;
                /** @description If given, must be the key's project */
                project?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Already on the server: the first result */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadResult"];
                };
            };
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadResult"];
                };
            };
            /** @description Bad request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            411: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Rejected: quarantined with the reason */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadResult"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A dependency is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "uploads-device_status": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Image id */
                image_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImageUploadStatus"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "stats-species": {
        parameters: {
            query?: {
                /** @description Camera id; repeat for several cameras (`camera_id=1&camera_id=2`) */
                camera_id?: number[] | null;
                /** @description Capture time from. Images without a capture time are left out of a date range unless `capture_time=unknown` or `any` asks for them (then their upload time is compared). ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_from?: string | null;
                /** @description Capture time up to, inclusive. ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_to?: string | null;
                /** @description `unknown`: only images without an EXIF capture time; `known`: only images with one; `any`: both, even with a date range (which otherwise keeps only dated images) */
                capture_time?: ("known" | "unknown" | "any") | null;
            };
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpeciesCount"][];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "stats-timeline": {
        parameters: {
            query?: {
                interval?: "hour" | "day" | "week" | "month";
                /** @description Species label; repeat for several. A human correction wins over the machine label */
                species?: string[] | null;
                /** @description Camera id; repeat for several cameras (`camera_id=1&camera_id=2`) */
                camera_id?: number[] | null;
                /** @description Capture time from. Images without a capture time are left out of a date range unless `capture_time=unknown` or `any` asks for them (then their upload time is compared). ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_from?: string | null;
                /** @description Capture time up to, inclusive. ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_to?: string | null;
                /** @description `unknown`: only images without an EXIF capture time; `known`: only images with one; `any`: both, even with a date range (which otherwise keeps only dated images) */
                capture_time?: ("known" | "unknown" | "any") | null;
            };
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TimelinePoint"][];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "stats-cameras": {
        parameters: {
            query?: {
                /** @description Species label; repeat for several. A human correction wins over the machine label */
                species?: string[] | null;
                /** @description Camera id; repeat for several cameras (`camera_id=1&camera_id=2`) */
                camera_id?: number[] | null;
                /** @description Capture time from. Images without a capture time are left out of a date range unless `capture_time=unknown` or `any` asks for them (then their upload time is compared). ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_from?: string | null;
                /** @description Capture time up to, inclusive. ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_to?: string | null;
                /** @description `unknown`: only images without an EXIF capture time; `known`: only images with one; `any`: both, even with a date range (which otherwise keeps only dated images) */
                capture_time?: ("known" | "unknown" | "any") | null;
            };
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CameraStats"][];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "stats-summary": {
        parameters: {
            query?: {
                /** @description Camera id; repeat for several cameras (`camera_id=1&camera_id=2`) */
                camera_id?: number[] | null;
                /** @description Capture time from. Images without a capture time are left out of a date range unless `capture_time=unknown` or `any` asks for them (then their upload time is compared). ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_from?: string | null;
                /** @description Capture time up to, inclusive. ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_to?: string | null;
                /** @description `unknown`: only images without an EXIF capture time; `known`: only images with one; `any`: both, even with a date range (which otherwise keeps only dated images) */
                capture_time?: ("known" | "unknown" | "any") | null;
            };
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Summary"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "stats-trap_days": {
        parameters: {
            query?: {
                /** @description Camera id; repeat for several cameras (`camera_id=1&camera_id=2`) */
                camera_id?: number[] | null;
                /** @description Capture time from. Images without a capture time are left out of a date range unless `capture_time=unknown` or `any` asks for them (then their upload time is compared). ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_from?: string | null;
                /** @description Capture time up to, inclusive. ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_to?: string | null;
                /** @description `unknown`: only images without an EXIF capture time; `known`: only images with one; `any`: both, even with a date range (which otherwise keeps only dated images) */
                capture_time?: ("known" | "unknown" | "any") | null;
            };
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrapDays"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "stats-rai": {
        parameters: {
            query?: {
                /** @description Species label; repeat for several. A human correction wins over the machine label */
                species?: string[] | null;
                /** @description Camera id; repeat for several cameras (`camera_id=1&camera_id=2`) */
                camera_id?: number[] | null;
                /** @description Capture time from. Images without a capture time are left out of a date range unless `capture_time=unknown` or `any` asks for them (then their upload time is compared). ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_from?: string | null;
                /** @description Capture time up to, inclusive. ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_to?: string | null;
                /** @description `unknown`: only images without an EXIF capture time; `known`: only images with one; `any`: both, even with a date range (which otherwise keeps only dated images) */
                capture_time?: ("known" | "unknown" | "any") | null;
            };
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Rai"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "stats-activity": {
        parameters: {
            query?: {
                /** @description Species label; repeat for several. A human correction wins over the machine label */
                species?: string[] | null;
                /** @description Camera id; repeat for several cameras (`camera_id=1&camera_id=2`) */
                camera_id?: number[] | null;
                /** @description Capture time from. Images without a capture time are left out of a date range unless `capture_time=unknown` or `any` asks for them (then their upload time is compared). ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_from?: string | null;
                /** @description Capture time up to, inclusive. ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_to?: string | null;
                /** @description `unknown`: only images without an EXIF capture time; `known`: only images with one; `any`: both, even with a date range (which otherwise keeps only dated images) */
                capture_time?: ("known" | "unknown" | "any") | null;
            };
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Activity"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "stats-accumulation": {
        parameters: {
            query?: {
                /** @description Species label; repeat for several. A human correction wins over the machine label */
                species?: string[] | null;
                /** @description Camera id; repeat for several cameras (`camera_id=1&camera_id=2`) */
                camera_id?: number[] | null;
                /** @description Capture time from. Images without a capture time are left out of a date range unless `capture_time=unknown` or `any` asks for them (then their upload time is compared). ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_from?: string | null;
                /** @description Capture time up to, inclusive. ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_to?: string | null;
                /** @description `unknown`: only images without an EXIF capture time; `known`: only images with one; `any`: both, even with a date range (which otherwise keeps only dated images) */
                capture_time?: ("known" | "unknown" | "any") | null;
            };
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Accumulation"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "stats-occupancy": {
        parameters: {
            query?: {
                /** @description Species label; repeat for several. A human correction wins over the machine label */
                species?: string[] | null;
                /** @description Camera id; repeat for several cameras (`camera_id=1&camera_id=2`) */
                camera_id?: number[] | null;
                /** @description Capture time from. Images without a capture time are left out of a date range unless `capture_time=unknown` or `any` asks for them (then their upload time is compared). ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_from?: string | null;
                /** @description Capture time up to, inclusive. ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_to?: string | null;
                /** @description `unknown`: only images without an EXIF capture time; `known`: only images with one; `any`: both, even with a date range (which otherwise keeps only dated images) */
                capture_time?: ("known" | "unknown" | "any") | null;
            };
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Occupancy"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "alerts-rules_list": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRuleOut"][];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "alerts-rules_create": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlertRuleCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRuleOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "alerts-rules_get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                rule_id: number;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRuleOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "alerts-rules_delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                rule_id: number;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "alerts-rules_update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                rule_id: number;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlertRuleUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRuleOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "alerts-channels_list": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertChannelOut"][];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "alerts-channels_create": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlertChannelCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertChannelOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "alerts-channels_get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: number;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertChannelOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "alerts-channels_delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: number;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "alerts-channels_update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: number;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlertChannelUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertChannelOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "alerts-channels_test": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: number;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelTestOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "alerts-groups": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpeciesGroupsOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "alerts-history_list": {
        parameters: {
            query?: {
                /** @description 1-based page number */
                page?: number;
                /** @description Items per page (1..200) */
                limit?: number;
                rule_id?: number | null;
                camera_id?: number | null;
                /** @description A species label the alert matched */
                species?: string | null;
                /** @description Alerts with at least one delivery in this state */
                status?: components["schemas"]["DeliveryStatus"] | null;
                /** @description ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_from?: string | null;
                /** @description ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_to?: string | null;
            };
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_AlertHistoryItem_"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "alerts-history_get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                alert_id: number;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertDetail"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "alerts-admin_rules_list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRuleOut"][];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "alerts-admin_rules_create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlertRuleCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRuleOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "alerts-admin_rules_get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                rule_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRuleOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "alerts-admin_rules_delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                rule_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "alerts-admin_rules_update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                rule_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlertRuleUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRuleOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "alerts-admin_channels_list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertChannelOut"][];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "alerts-admin_channels_create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlertChannelCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertChannelOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "alerts-admin_channels_get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertChannelOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "alerts-admin_channels_delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "alerts-admin_channels_update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlertChannelUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertChannelOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "alerts-admin_channels_test": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelTestOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "media-get": {
        parameters: {
            query: {
                expires: number;
                signature: string;
            };
            header?: never;
            path: {
                bucket: "raw-images" | "crops" | "thumbnails";
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/jpeg": string;
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description A dependency is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "config-get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientConfig"];
                };
            };
        };
    };
    "models-overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelsOverview"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "models-update_settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RuntimeSettingsUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuntimeSettingsOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "models-reprocess_jobs": {
        parameters: {
            query?: {
                /** @description Newest jobs first, at most this many */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReprocessJobOut"][];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "models-list": {
        parameters: {
            query?: {
                /** @description Newest jobs first, at most this many */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReprocessJobOut"][];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "models-start": {
        parameters: {
            query?: {
                /** @description captured_at sorts by capture time; images without one come after the dated ones */
                sort?: "captured_at" | "received_at" | "confidence" | "camera";
                order?: "asc" | "desc";
                /** @description Camera id; repeat for several cameras (`camera_id=1&camera_id=2`) */
                camera_id?: number[] | null;
                /** @description Species label; repeat for several. A human correction wins over the machine label */
                species?: string[] | null;
                /** @description Pipeline status; repeatable */
                status?: components["schemas"]["ImageStatus"][] | null;
                /** @description Review status; repeatable */
                review_status?: components["schemas"]["ReviewStatus"][] | null;
                /** @description Only images with a detection at least this confident */
                min_confidence?: number | null;
                /** @description Capture time from. Images without a capture time are left out of a date range unless `capture_time=unknown` or `any` asks for them (then their upload time is compared). ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_from?: string | null;
                /** @description Capture time up to, inclusive. ISO date (`2024-05-31`, the whole day) or date-time (`2024-05-31T18:00:00Z`; UTC when no offset is given). */
                date_to?: string | null;
                /** @description `unknown`: only images without an EXIF capture time; `known`: only images with one; `any`: both, even with a date range (which otherwise keeps only dated images) */
                capture_time?: ("known" | "unknown" | "any") | null;
            };
            header?: never;
            path: {
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReprocessRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReprocessJobOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "models-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: number;
                /** @description Project slug: lowercase letters, digits and inner hyphens */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReprocessJobOut"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The user's role does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "health-check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthOut"];
                };
            };
            /** @description A dependency is down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthOut"];
                };
            };
        };
    };
    "health-metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text format */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
        };
    };
}
