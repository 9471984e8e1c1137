"""Start the test identity provider: ``python -m tests.sso_idp.serve <port> <redirect uri>``.

Migrates a fresh SQLite file, makes its people and one confidential client
(``IDP_CLIENT_ID``/``IDP_CLIENT_SECRET``, the authorisation code flow, RS256 ID tokens, no
consent screen), then serves on 127.0.0.1:<port> until killed. ``IDP_NOW`` (a Unix time)
sets its clock, so tokens agree with the test's pinned clock."""

import os
import sys


def main() -> None:
    port, redirect_uri = int(sys.argv[1]), sys.argv[2]
    if os.environ.get("IDP_NOW"):
        import time_machine

        # A minute behind the test's clock: tokens are never issued "in the future" for it.
        time_machine.travel(float(os.environ["IDP_NOW"]) - 60, tick=True).start()
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.sso_idp.settings"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import get_application_model

    from tests.sso_idp.validator import PEOPLE

    call_command("migrate", verbosity=0)
    User = get_user_model()
    for email in PEOPLE:
        User.objects.create_user(username=email, email=email, password="idp-password")
    get_application_model().objects.create(
        name="Social Shift",
        client_id=os.environ["IDP_CLIENT_ID"],
        client_secret=os.environ["IDP_CLIENT_SECRET"],
        client_type="confidential",
        authorization_grant_type="authorization-code",
        redirect_uris=redirect_uri,
        algorithm="RS256",
        skip_authorization=True,
    )
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = make_server("127.0.0.1", port, get_wsgi_application(), handler_class=Quiet)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
