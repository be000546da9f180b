# Fixtures shared by every test in the repository live in tests/support (real PostgreSQL + PostGIS,
# Redis, S3 server, demo models); pytest loads them from here for all test folders.
pytest_plugins = ["tests.support.fixtures"]
