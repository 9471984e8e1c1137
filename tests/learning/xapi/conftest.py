import pytest

from .lrs import LRS


@pytest.fixture
def xapi_on(settings):
    """An LRS is connected (at an address where nothing answers, unless ``lrs`` starts one)."""
    settings.XAPI_LRS_ENDPOINT = "http://127.0.0.1:9/xapi/"
    settings.XAPI_LRS_KEY = "lrs-key"
    settings.XAPI_LRS_SECRET = "lrs-secret"
    settings.BASE_URL = "https://ambassadors.example.org"
    return settings


@pytest.fixture
def lrs(xapi_on):
    """A running learning record store (``lrs.LRS``) that the settings point at."""
    server = LRS(key="lrs-key", secret="lrs-secret")
    server.start()
    xapi_on.XAPI_LRS_ENDPOINT = server.endpoint
    yield server
    server.stop()
