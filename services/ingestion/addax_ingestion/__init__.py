"""AddaxAI Connect ingestion service: FTPS uploads and an upload-directory watcher feeding the pipeline."""
