"""Alembic environment: always run with a connection handed in by `db.migrate`."""

from __future__ import annotations

from alembic import context

from communitydesk.db.migrations.env_filters import include_object
from communitydesk.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through communitydesk.db.migrate, not the alembic command.")


context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    include_object=include_object,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
