"""The database: engine and pragmas, units of work, migrations, backups, health checks."""
