"""FTP upload accounts created in the dashboard (admin): the ftp_accounts table read by ingestion."""
