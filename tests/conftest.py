import os

import pytest


def pytest_report_header(config):
    from django.conf import settings

    return f"zhixing database: {settings.DATABASES['default']['ENGINE']}"


def require(env_flag: str, what: str, why: str) -> None:
    """Skip when an optional dependency is missing, unless CI demands it."""
    if os.environ.get(env_flag) == "1":
        pytest.fail(f"{what} is required ({env_flag}=1) but unavailable: {why}")
    pytest.skip(f"{what} unavailable: {why}")


@pytest.fixture(autouse=True)
def _fresh_workday_cache():
    from zhixing.core import workdays

    workdays.reset_cache()
    yield
    workdays.reset_cache()
