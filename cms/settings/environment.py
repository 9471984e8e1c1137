"""The environment every settings module reads (12-factor): a ``.env`` file at the project's
root fills in what the process's environment does not set."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

BASE_URL = env("BASE_URL", default="http://127.0.0.1:8000")
