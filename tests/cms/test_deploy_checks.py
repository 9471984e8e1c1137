"""Production settings (``cms.settings.production``) with the variables ``.env.example``
documents pass Django's deployment checks without a single warning, and keep the API's
schema and docs for signed-in members."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV_EXAMPLE = ROOT / ".env.example"


def documented_production_env() -> dict[str, str]:
    """The variables of .env.example's "Production" block, as an operator would copy them."""
    lines = ENV_EXAMPLE.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("# Production"))
    variables = {}
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        if line.startswith("#"):
            continue
        name, _, value = line.partition("=")
        variables[name.strip()] = value.split(" #")[0].strip()
    return variables


def production(*args: str) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        **documented_production_env(),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "ambassadors.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://ambassadors.example.org",
        "BASE_URL": "https://ambassadors.example.org",
    }
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_documented_production_block_names_the_https_settings():
    documented = documented_production_env()
    assert {"SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE", "API_DOCS_LOGIN_REQUIRED"} <= set(
        documented
    )


def test_every_variable_production_reads_is_documented():
    read = set(re.findall(r"""env(?:\.\w+)?\(\s*"([A-Z0-9_]+)\"""", (ROOT / "cms/settings/production.py").read_text()))
    documented = set(re.findall(r"^#?\s*([A-Z0-9_]+)=", ENV_EXAMPLE.read_text(), flags=re.MULTILINE))
    assert read and read <= documented, f"not in .env.example: {sorted(read - documented)}"


def test_production_passes_the_deploy_checks_and_is_strict_by_default():
    """One process (each costs a Django and Wagtail start): ``check --deploy`` at the warning
    level, then the settings that must hold without any variable setting them."""
    script = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING'); "
        "print(json.dumps({name: getattr(s, name) for name in ("
        "'DEBUG', 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', "
        "'API_DOCS_LOGIN_REQUIRED')}))"
    )
    result = production("-c", script)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "API_DOCS_LOGIN_REQUIRED": True,
    }
