"""Settings come from the environment; production settings pass Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "p" * 20 + "-production-like-secret-key-for-checks-0123456789",
    "ALLOWED_HOSTS": "sykefravaer.example.no",
    "DATABASE_URL": "sqlite:///:memory:",
}


def _manage(*args, env=None):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DEBUG",
            "SECRET_KEY",
            "DJANGO_SETTINGS_MODULE",
            "SECURE_SSL_REDIRECT",
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
            "DEMO_DATA",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "DEBUG", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_settings_require_a_secret_key():
    result = _manage("check", env={"ALLOWED_HOSTS": "x"})
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_settings_refuse_demo_data():
    result = _manage("load_demo", env=PRODUCTION_ENV)
    assert result.returncode != 0
    assert "Demo data is refused" in result.stderr


def test_bad_boolean_in_environment_is_a_clear_error():
    result = _manage("check", env={**PRODUCTION_ENV, "DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_settings_switch_to_postgres_and_redis(monkeypatch):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings as s; import django; django.setup(); "
            "print(s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL, s.CACHES['default']['BACKEND'])",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={
            **os.environ,
            **PRODUCTION_ENV,
            "DJANGO_SETTINGS_MODULE": "sykefravaer.settings",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/x",
            "REDIS_URL": "redis://127.0.0.1:6379/3",
        },
    )
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "redis://127.0.0.1:6379/3",
        "django.core.cache.backends.redis.RedisCache",
    ], result.stderr


def test_embedded_default_is_sqlite_and_a_file_system_broker():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings as s; import django; django.setup(); "
            "print(s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL, s.TIME_ZONE, s.LANGUAGE_CODE)",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={
            k: v
            for k, v in {**os.environ, "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "sykefravaer.settings"}.items()
            if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY"}
        },
    )
    assert result.stdout.split() == ["django.db.backends.sqlite3", "filesystem://", "Europe/Oslo", "nb"], result.stderr


def test_docker_compose_runs_the_tested_entry_points():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) >= {"web", "worker", "beat", "db", "redis"}
    assert "gunicorn sykefravaer.wsgi" in " ".join(services["web"]["command"])
    assert services["worker"]["command"][:4] == ["celery", "-A", "sykefravaer", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "sykefravaer", "beat"]
    migrate = services["migrate"]["command"]
    assert migrate[:3] == ["python", "manage.py", "migrate"]
    for name in ["web", "worker", "beat", "migrate"]:
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://") and env["REDIS_URL"].startswith("redis://")
        assert "SECRET_KEY" in env and "DEBUG" not in env
    # No secret is written into the file: they come from the environment or an .env file.
    assert "${SECRET_KEY" in (ROOT / "docker-compose.yml").read_text()


def test_gunicorn_can_load_the_wsgi_application():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import gunicorn.util as u; app = u.import_app('sykefravaer.wsgi:application'); print(callable(app))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "sykefravaer.settings"},
    )
    assert result.stdout.strip() == "True", result.stderr


@pytest.mark.parametrize("name", ["README.md", ".env.example"])
def test_documents_name_every_environment_variable(name):
    settings_text = (ROOT / "sykefravaer" / "settings.py").read_text()
    import re

    variables = set(re.findall(r'env_(?:str|bool|int|list)\("([A-Z_]+)"', settings_text))
    text = (ROOT / name).read_text()
    missing = sorted(v for v in variables if v not in text)
    assert not missing, f"{name} does not mention {missing}"


@pytest.mark.parametrize(
    "env, expected",
    [
        ({}, "True False 587"),
        ({"EMAIL_USE_SSL": "true"}, "False True 465"),
        ({"EMAIL_USE_TLS": "false"}, "False False 25"),
        ({"EMAIL_USE_TLS": "true", "EMAIL_PORT": "2525"}, "True False 2525"),
    ],
)
def test_smtp_is_encrypted_unless_told_otherwise(env, expected):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "o = s.MAILERS['default']['OPTIONS']; print(o['use_tls'], o['use_ssl'], o['port'])"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("EMAIL_") and k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "sykefravaer.settings",
            "SECRET_KEY": "x" * 60,
            "EMAIL_BACKEND": "smtp",
            **env,
        },
    )
    assert result.stdout.strip() == expected, result.stderr


def test_the_example_environment_turns_tls_on():
    example = (ROOT / ".env.example").read_text()
    assert "EMAIL_USE_TLS=true" in example
