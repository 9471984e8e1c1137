"""Identity providers for the single sign-on tests, each run in a process of its own:
``serve`` (OpenID Connect, django-oauth-toolkit) and ``saml_serve`` (SAML 2.0, pysaml2)."""

import contextlib
import os
import subprocess
import sys
from pathlib import Path

from tests.faults import free_port

ROOT = Path(__file__).resolve().parents[2]


@contextlib.contextmanager
def running(module: str, *args: str, env: dict[str, str]):
    """``python -m tests.sso_idp.<module> <port> <args…>`` with ``env`` added to this process's
    environment, until the block ends; yields its base URL once it prints ``ready``."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", f"tests.sso_idp.{module}", str(port), *args],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        if line.strip() != "ready":
            raise RuntimeError(f"the identity provider {module} did not start: {line}{process.stderr.read()}")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
