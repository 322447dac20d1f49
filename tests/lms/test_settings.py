import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

# Set by the test run itself (settings module, the browser tests' async flag), not by a server.
LOCAL_ONLY_VARIABLES = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "lms.settings.production",
    "SECRET_KEY": "x" * 20 + "production-secret-key-for-the-check-only-0123456789",
    "ALLOWED_HOSTS": "academy.example.org",
    "SITE_URL": "https://academy.example.org",
}


def _manage(*args, env):
    base = {k: v for k, v in os.environ.items() if k not in LOCAL_ONLY_VARIABLES}
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_in_production():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing):
    env = {**PRODUCTION_ENV, missing: ""}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert missing in result.stderr


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only; this run is on " + connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
    # The test database lives in memory, where SQLite reports "memory"; files get WAL.
    assert mode in ("wal", "memory")
    assert connection.settings_dict["OPTIONS"]["timeout"] == 20


@pytest.mark.django_db
def test_health_check(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_redis_url_switches_cache_and_broker():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.CACHES['default']['BACKEND'], s.Q_CLUSTER.get('redis'), s.Q_CLUSTER.get('orm'))"
    )
    base = {k: v for k, v in os.environ.items() if k not in LOCAL_ONLY_VARIABLES}

    def run(extra):
        return subprocess.run(  # noqa: S603 - fixed command
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={**base, "DJANGO_SETTINGS_MODULE": "lms.settings.dev", **extra},
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout

    assert "RedisCache redis://127.0.0.1:6379/1 None" in run(
        {"REDIS_URL": "redis://127.0.0.1:6379/1"}
    )
    assert "LocMemCache None default" in run({"REDIS_URL": ""})
