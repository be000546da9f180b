# Fixtures shared by every test in the repository live in tests/support (real PostgreSQL + PostGIS,
# Redis, S3 server, demo models); pytest loads them from here for all test folders.
# tests/support/skips.py turns an unexpected skip into a failure under CI=true.
pytest_plugins = ["tests.support.fixtures", "tests.support.skips", "tests.support.ordering"]
