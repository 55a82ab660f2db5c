"""Production settings, the container image and the compose stack, checked without a Docker engine."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "hhd_site.settings.production",
    "SECRET_KEY": "x" * 30 + "-production-like-secret-key-for-checks-only",
    "ALLOWED_HOSTS": "hhd.example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    "FIELD_ENCRYPTION_KEYS": "cHJvZHVjdGlvbi1saWtlLWtleS1mb3ItY2hlY2tzISE=",
    "FIELD_HMAC_KEY": "production-like-hmac-key-for-checks-only",
}


def run_manage(env_overrides, *args):
    # Only the machine's basics: nothing a test run set (settings module, async flags) leaks in.
    env = {key: value for key, value in os.environ.items() if key in ("PATH", "HOME", "LANG", "PYTHONPATH")}
    env.update(env_overrides)
    return subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "FIELD_ENCRYPTION_KEYS", "FIELD_HMAC_KEY"]
)
def test_production_settings_refuse_to_start_without_a_required_variable(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = run_manage(env, "check")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_settings_refuse_an_hmac_key_that_reuses_the_secret_key():
    result = run_manage({**PRODUCTION_ENV, "FIELD_HMAC_KEY": PRODUCTION_ENV["SECRET_KEY"]}, "check")
    assert result.returncode != 0
    assert "FIELD_HMAC_KEY" in result.stderr


def test_production_settings_refuse_sqlite():
    result = run_manage({**PRODUCTION_ENV, "DATABASE_URL": "sqlite:////tmp/hhd.sqlite3"}, "check")
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


def test_deploy_check_with_production_settings_prints_no_warning():
    result = run_manage(PRODUCTION_ENV, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_health_endpoint_answers_for_any_host_without_touching_the_database(
    db, client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/healthz", headers={"host": "10.0.0.7:8000"})
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_dockerfile_passes_hadolint():
    hadolint = shutil.which("hadolint") or str(Path(sys.executable).parent / "hadolint")
    result = subprocess.run(  # noqa: S603
        [hadolint, "--failure-threshold", "warning", "Dockerfile"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_builds_in_stages_runs_as_non_root_and_starts_gunicorn():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.count("\nFROM ") + dockerfile.startswith("FROM ") >= 2
    assert "collectstatic" in dockerfile
    assert "\nUSER 10001" in dockerfile
    entrypoint = (ROOT / "docker-entrypoint.sh").read_text()
    assert "exec gunicorn --config hhd_site/gunicorn.conf.py" in entrypoint
    assert "worker)" in entrypoint and "run_worker" in entrypoint


def test_compose_file_parses_and_names_web_worker_postgres_and_redis():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert set(compose["services"]) == {"web", "worker", "postgres", "redis"}
    assert compose["services"]["web"]["command"] == ["web"]
    assert compose["services"]["worker"]["command"] == ["worker"]
    assert compose["services"]["postgres"]["image"].startswith("postgres:")
    assert compose["services"]["redis"]["image"].startswith("redis:")


def test_gunicorn_config_sizes_workers_from_the_cpu_count(monkeypatch):
    import multiprocessing
    import runpy

    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    config = runpy.run_path(str(ROOT / "hhd_site" / "gunicorn.conf.py"))
    assert config["workers"] == multiprocessing.cpu_count() * 2 + 1
    assert config["max_requests_jitter"] > 0
    assert config["accesslog"] is None
