"""projects and project members; cameras, images and audit rows carry their project

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 20:30:00

Everything that exists goes into a "Default project" (slug `default`) and every current user becomes
a member of it with their current role, so nobody's access changes. `images.project_id` is the
camera's project, denormalised so the gallery's indexes can lead with the project.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

ROLES = ("admin", "analyst", "viewer")
# Tables whose rows belong to a project (FTP accounts: the project their new cameras go to).
PROJECT_TABLES = ("cameras", "images", "ftp_accounts")

DEFAULT_PROJECT_FUNCTION = """
CREATE FUNCTION default_project_id() RETURNS integer LANGUAGE sql STABLE AS
$$ SELECT id FROM projects WHERE slug = 'default' $$
"""
# Column defaults cannot read other columns, so the camera's project comes from a trigger: an image
# with a camera always gets its camera's project (the invariant the denormalised column relies on);
# one without a camera keeps the project its INSERT gave, else the default project.
IMAGE_PROJECT_FUNCTION = """
CREATE FUNCTION image_project_from_camera() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.camera_id IS NOT NULL THEN
        NEW.project_id := (SELECT project_id FROM cameras WHERE id = NEW.camera_id);
    END IF;
    IF NEW.project_id IS NULL THEN
        NEW.project_id := default_project_id();
    END IF;
    RETURN NEW;
END $$
"""


def upgrade() -> None:
    op.create_table(
        "projects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("timezone", sa.String(length=64), server_default="UTC", nullable=False),
        sa.Column("independence_interval_minutes", sa.Integer(), server_default="30", nullable=False),
        sa.Column("sequence_gap_seconds", sa.Integer(), server_default="60", nullable=False),
        sa.Column("allowed_species", postgresql.ARRAY(sa.String(length=200)), server_default="{}", nullable=False),
        sa.Column("thresholds", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_projects")),
        sa.UniqueConstraint("slug", name=op.f("uq_projects_slug")),
    )
    op.create_table(
        "project_members",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(*ROLES, name="project_role", native_enum=False, create_constraint=True, length=16),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name=op.f("fk_project_members_project_id_projects"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_project_members_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("project_id", "user_id", name=op.f("pk_project_members")),
    )
    op.create_index("ix_project_members_user", "project_members", ["user_id"], unique=False)

    # The default project, and every current user in it with their current role.
    op.execute("INSERT INTO projects (slug, name, description) VALUES ('default', 'Default project', NULL)")
    op.execute(
        "INSERT INTO project_members (project_id, user_id, role) "
        "SELECT p.id, u.id, u.role FROM users u CROSS JOIN projects p WHERE p.slug = 'default'"
    )

    # Rows written without a project (older tools, the built-in demo) land in the default project;
    # an image without one takes its camera's. The API and ingestion always pass it explicitly.
    op.execute(DEFAULT_PROJECT_FUNCTION)
    op.execute(IMAGE_PROJECT_FUNCTION)
    for table in PROJECT_TABLES:
        op.add_column(table, sa.Column("project_id", sa.Integer(), nullable=True))
        op.execute(f"UPDATE {table} SET project_id = default_project_id()")  # noqa: S608 - table names are the literals above
        op.alter_column(table, "project_id", nullable=False, server_default=sa.text("default_project_id()"))
        op.create_foreign_key(
            op.f(f"fk_{table}_project_id_projects"), table, "projects", ["project_id"], ["id"], ondelete="RESTRICT"
        )
    op.create_index("ix_cameras_project", "cameras", ["project_id"], unique=False)
    op.execute(
        "CREATE TRIGGER images_project_from_camera BEFORE INSERT ON images "
        "FOR EACH ROW EXECUTE FUNCTION image_project_from_camera()"
    )

    # The gallery's indexes lead with the project (the unscoped capture-time index is replaced).
    op.drop_index("ix_images_taken_at", table_name="images")
    op.create_index(
        "ix_images_project_taken_at",
        "images",
        ["project_id", sa.literal_column("coalesce(captured_at, received_at) DESC"), sa.literal_column("id DESC")],
        unique=False,
    )
    op.create_index(
        "ix_images_project_received",
        "images",
        ["project_id", sa.literal_column("received_at DESC"), sa.literal_column("id DESC")],
        unique=False,
    )

    op.add_column("audit_logs", sa.Column("project_id", sa.Integer(), nullable=True))
    op.create_foreign_key(
        op.f("fk_audit_logs_project_id_projects"), "audit_logs", "projects", ["project_id"], ["id"], ondelete="SET NULL"
    )
    op.create_index(
        "ix_audit_logs_project_created", "audit_logs", ["project_id", sa.literal_column("created_at DESC")], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_audit_logs_project_created", table_name="audit_logs")
    op.drop_constraint(op.f("fk_audit_logs_project_id_projects"), "audit_logs", type_="foreignkey")
    op.drop_column("audit_logs", "project_id")
    op.drop_index("ix_images_project_received", table_name="images")
    op.drop_index("ix_images_project_taken_at", table_name="images")
    op.create_index(
        "ix_images_taken_at",
        "images",
        [sa.literal_column("coalesce(captured_at, received_at) DESC"), sa.literal_column("id DESC")],
        unique=False,
    )
    op.execute("DROP TRIGGER images_project_from_camera ON images")
    op.drop_index("ix_cameras_project", table_name="cameras")
    for table in reversed(PROJECT_TABLES):
        op.drop_constraint(op.f(f"fk_{table}_project_id_projects"), table, type_="foreignkey")
        op.drop_column(table, "project_id")
    op.execute("DROP FUNCTION image_project_from_camera()")
    op.execute("DROP FUNCTION default_project_id()")
    op.drop_index("ix_project_members_user", table_name="project_members")
    op.drop_table("project_members")
    op.drop_table("projects")
