"""Production settings, the container image and the compose stack, checked without a Docker engine."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from hhd_site.tests.production import PRODUCTION_ENV, ROOT, run_manage


@pytest.mark.parametrize(
    "missing",
    [
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "FIELD_ENCRYPTION_KEYS",
        "FIELD_HMAC_KEY",
        "SITE_URL",
        "EMAIL_URL",
        "TRUSTED_PROXIES",
    ],
)
def test_production_settings_refuse_to_start_without_a_required_variable(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = run_manage(env, "check")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


@pytest.mark.parametrize(
    ("site_url", "named"),
    [
        ("http://hhd.example.org", "https://"),  # links in mail would go out unencrypted
        ("https://hhd.example.org/site", "without a path"),
        ("https://elsewhere.example.org", "ALLOWED_HOSTS"),  # every mailed link would answer 400
    ],
)
def test_production_settings_refuse_a_public_address_that_links_cannot_use(site_url, named):
    result = run_manage({**PRODUCTION_ENV, "SITE_URL": site_url}, "check")
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr
    assert named in result.stderr


@pytest.mark.parametrize(
    "email_url", ["consolemail://", "filemail:///tmp/mail", "memorymail://", "dummymail://"]
)
def test_production_settings_refuse_mail_that_goes_nowhere_or_into_the_logs(email_url):
    result = run_manage({**PRODUCTION_ENV, "EMAIL_URL": email_url}, "check")
    assert result.returncode != 0
    assert "EMAIL_URL" in result.stderr
    assert "smtp" in result.stderr  # the message says what to set instead


def test_production_settings_refuse_trusted_proxies_that_are_not_addresses():
    result = run_manage({**PRODUCTION_ENV, "TRUSTED_PROXIES": "caddy"}, "check")
    assert result.returncode != 0
    assert "TRUSTED_PROXIES" in result.stderr


def test_seed_demo_refuses_to_make_the_demo_admin_under_production_settings():
    result = run_manage(PRODUCTION_ENV, "seed_demo")
    assert result.returncode != 0
    assert "demo admin" in result.stderr
    assert "create_admin" in result.stderr  # and says how to make a real administrator


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


def test_compose_file_parses_and_names_front_web_worker_postgres_and_redis():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert set(compose["services"]) == {"front", "web", "worker", "postgres", "redis"}
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
    assert config["max_requests_jitter"] >= config["max_requests"] // 2  # restarts spread, not together
    assert config["preload_app"] is True  # a replacing worker is a fork: it serves at once
    assert config["accesslog"] is None


def test_compose_publishes_only_the_tls_front_and_gunicorn_trusts_only_its_address():
    import ipaddress

    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"front"}
    assert {str(port).split(":")[-2] for port in services["front"]["ports"]} == {"80", "443"}

    front = services["front"]
    assert front["image"].startswith("caddy:2")
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in front["volumes"]
    assert "media:/srv/media:ro" in front["volumes"]
    assert front["environment"]["SITE_ADDRESS"].startswith("${SITE_URL")

    web = services["web"]
    assert web["environment"]["GUNICORN_BIND"] == "0.0.0.0:8000"  # inside the compose network only
    front_address = ipaddress.ip_address(front["networks"]["edge"]["ipv4_address"])
    subnet = ipaddress.ip_network(compose["networks"]["edge"]["ipam"]["config"][0]["subnet"])
    assert front_address in subnet
    trusted = [ipaddress.ip_network(entry) for entry in web["environment"]["TRUSTED_PROXIES"].split(",")]
    assert trusted == [ipaddress.ip_network(f"{front_address}/32")]
    assert web["environment"]["FORWARDED_ALLOW_IPS"] == str(front_address)
    assert "edge" in web["networks"]
    # The front reaches web, never the databases.
    assert "edge" not in (services["postgres"].get("networks") or ["default"])
    assert "default" not in front["networks"]

    for name in ("web", "worker"):
        assert "media:/srv/media" in services[name]["volumes"]
        assert services[name]["environment"]["MEDIA_ROOT"] == "/srv/media"
    assert "media" in compose["volumes"]


def test_gunicorn_binds_to_loopback_unless_told_otherwise(monkeypatch):
    import runpy

    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    config = runpy.run_path(str(ROOT / "hhd_site" / "gunicorn.conf.py"))
    assert config["bind"] == "127.0.0.1:8000"
    assert 0 < config["limit_request_line"] <= 8190
    assert 0 < config["limit_request_fields"] <= 100

    monkeypatch.setenv("GUNICORN_BIND", "0.0.0.0:8000")
    assert runpy.run_path(str(ROOT / "hhd_site" / "gunicorn.conf.py"))["bind"] == "0.0.0.0:8000"


def test_the_caddyfile_is_valid_for_a_real_host_and_for_a_local_run(tmp_path):
    caddy = shutil.which("caddy")
    if not caddy:
        pytest.fail("Debian's Caddy is required: apt-get install caddy")
    for tls_mode in ("acme", "internal"):
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(tmp_path),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "SITE_ADDRESS": "https://hhd.example.org",
            "TLS_MODE": tls_mode,
        }
        result = subprocess.run(  # noqa: S603
            [caddy, "validate", "--config", "deploy/Caddyfile", "--adapter", "caddyfile"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Valid configuration" in result.stdout + result.stderr
        assert "not formatted" not in result.stderr  # caddy fmt --overwrite deploy/Caddyfile
