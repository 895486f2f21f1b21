"""API tokens for other court systems: issued, stored, checked and revoked here, nowhere else."""
