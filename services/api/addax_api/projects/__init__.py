"""Projects: CRUD, archive and members (ARCHITECTURE §13)."""
