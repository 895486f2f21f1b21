"""The platform's periodic and deferred work: pending real-time evaluations and daily jobs,
run by the one worker (``zhixing worker``, docs/architecture.md)."""
