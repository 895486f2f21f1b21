"""Operations: proven backups of the whole database and their restore (docs/security.md)."""
