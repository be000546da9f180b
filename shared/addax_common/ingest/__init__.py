"""The transport-independent ingestion core shared by every door into the platform (FTPS in
services/ingestion, the web upload, the HTTP upload API and the command-line uploader in the API):
validation, de-duplication, camera identification, quarantine with a reason, daily reports."""
