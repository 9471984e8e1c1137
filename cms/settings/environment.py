"""The environment every settings module reads (12-factor): a ``.env`` file at the project's
root fills in what the process's environment does not set."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

BASE_URL = env("BASE_URL", default="http://127.0.0.1:8000")

# The shared secret the organisation's own sites sign conversions with (POST /api/v1/conversions/,
# docs/outcomes.md). Empty: the endpoint answers 503 ``conversions_not_configured``.
CONVERSIONS_SECRET = env("CONVERSIONS_SECRET", default="")
# --- xAPI (learning/xapi/; docs/standards.md) --------------------------------------------
# With all three set, every learning event is sent as an xAPI 1.0.3 statement to the
# organisation's learning record store (POST {endpoint}/statements, Basic auth).
XAPI_LRS_ENDPOINT = env("XAPI_LRS_ENDPOINT", default="")
XAPI_LRS_KEY = env("XAPI_LRS_KEY", default="")
XAPI_LRS_SECRET = env("XAPI_LRS_SECRET", default="")
