"""Database settings for the queries of web and API requests."""

from __future__ import annotations

from django.db import connection


def no_jit(get_response):
    """Turns PostgreSQL's JIT compilation off for requests: compiling the plans of the page
    queries cost more than running them (the slowest page at a million cases took 2.6 s with
    JIT, 1.0 s without). Set once per database connection; scans and imports run in their own
    processes, where JIT stays as the server is configured."""

    def middleware(request):
        if connection.vendor == "postgresql":
            connection.ensure_connection()
            if getattr(connection, "zx_jit_off_for", None) is not connection.connection:
                with connection.cursor() as cursor:
                    cursor.execute("SET jit = off")
                connection.zx_jit_off_for = connection.connection  # type: ignore[attr-defined]
        return get_response(request)

    return middleware
