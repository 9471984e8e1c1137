"""Start the test SAML identity provider: ``python -m tests.sso_idp.saml_serve <port>``.

pysaml2's IdP (``saml2.server.Server``, a different SAML implementation from the
python3-saml that our side uses), served by wsgiref on 127.0.0.1:<port> until killed:

- ``GET /metadata/``: the IdP's metadata (entity id, signing certificate, the single
  sign-on address with the HTTP-Redirect binding), which our side reads from
  ``SSO_SAML_IDP_METADATA_URL``;
- ``GET /test-login/?email=…&now=…``: the person at the keyboard logs in at the IdP (a cookie;
  no password form, this IdP exists for tests only); ``now`` (a Unix time) sets the IdP's clock;
- ``POST /test-attributes/`` (JSON ``{"email": …, "attributes": {…}}``): what the IdP says about
  that person from now on, so a test can change a department between two logins;
- ``GET /sso/redirect/?SAMLRequest=…&RelayState=…``: the AuthnRequest (HTTP-Redirect binding);
  answers the HTTP-POST binding's auto-submitting form with a signed Response for the person
  logged in.

Environment: ``IDP_SP_METADATA`` names a file with our SP's metadata, read at the first
AuthnRequest (the test writes it from our /metadata/ address once the IdP runs);
``IDP_KEY``/``IDP_CERT`` the signing key and certificate files; ``IDP_NOW`` (a Unix time)
sets the IdP's clock, so assertions agree with the test's pinned clock."""

import json
import os
import sys
from http.cookies import SimpleCookie
from urllib.parse import parse_qs

PEOPLE = {
    "sam@example.com": {"givenName": "Sam", "sn": "Smit", "department": "Sales", "location": "Utrecht"},
    "existing@example.com": {"givenName": "Eva", "sn": "Bos", "department": "HR", "location": "Zwolle"},
    "outsider@elsewhere.test": {"givenName": "Otto", "sn": "Buiten"},
}


_clock = []


def set_clock(now: float) -> None:
    """The IdP's clock at ``now`` from here on, ticking (the test's pinned clock, a minute
    behind)."""
    import time_machine

    while _clock:
        _clock.pop().stop()
    traveller = time_machine.travel(now, tick=True)
    traveller.start()
    _clock.append(traveller)


def config(base: str) -> dict:
    from saml2 import BINDING_HTTP_REDIRECT
    from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_EMAILADDRESS

    return {
        "entityid": f"{base}/metadata/",
        "service": {
            "idp": {
                "name": "Test IdP",
                "endpoints": {"single_sign_on_service": [(f"{base}/sso/redirect/", BINDING_HTTP_REDIRECT)]},
                "name_id_format": [NAMEID_FORMAT_EMAILADDRESS],
                "want_authn_requests_signed": False,
                "policy": {"default": {"lifetime": {"minutes": 15}, "name_form": NAME_FORMAT_URI}},
            }
        },
        "key_file": os.environ["IDP_KEY"],
        "cert_file": os.environ["IDP_CERT"],
        "metadata": {"local": [os.environ["IDP_SP_METADATA"]]},
        "xmlsec_binary": os.environ.get("IDP_XMLSEC1", "/usr/bin/xmlsec1"),
    }


class App:
    def __init__(self, base: str):
        self.base = base
        self._server = None

    def server(self):
        from saml2.config import IdPConfig
        from saml2.server import Server

        if self._server is None:
            conf = IdPConfig()
            conf.load(config(self.base))
            self._server = Server(config=conf)
        return self._server

    def __call__(self, environ, start_response):
        path = environ["PATH_INFO"]
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        try:
            if path == "/metadata/":
                return self.metadata(start_response)
            if path == "/test-login/":
                if query.get("now"):  # the test's pinned clock, which starts again each test
                    set_clock(float(query["now"]))
                cookie = f"idp_user={query['email']}; Path=/"
                return self.respond(start_response, "200 OK", b"ok", [("Set-Cookie", cookie)])
            if path == "/test-attributes/" and environ["REQUEST_METHOD"] == "POST":
                body = json.loads(environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0)))
                PEOPLE[body["email"]] = body["attributes"]
                return self.respond(start_response, "200 OK", b"ok")
            if path == "/sso/redirect/":
                return self.single_sign_on(environ, query, start_response)
        except Exception as exc:  # a test reads the reason in the response
            return self.respond(start_response, "500 Internal Server Error", repr(exc).encode())
        return self.respond(start_response, "404 Not Found", b"not found")

    def respond(self, start_response, status, body: bytes, headers=(), content_type="text/plain"):
        start_response(status, [("Content-Type", content_type), *headers])
        return [body]

    def metadata(self, start_response):
        from saml2.config import IdPConfig
        from saml2.metadata import create_metadata_string

        conf = IdPConfig()
        settings = config(self.base)
        settings.pop("metadata")  # our own metadata does not need the SP's
        conf.load(settings)
        return self.respond(
            start_response, "200 OK", create_metadata_string(None, config=conf), content_type="text/xml"
        )

    def single_sign_on(self, environ, query, start_response):
        from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
        from saml2.saml import NAMEID_FORMAT_EMAILADDRESS, NameID

        cookie = SimpleCookie(environ.get("HTTP_COOKIE", ""))
        if "idp_user" not in cookie:
            return self.respond(start_response, "401 Unauthorized", b"log in at the IdP first")
        email = cookie["idp_user"].value
        server = self.server()
        request = server.parse_authn_request(query["SAMLRequest"], BINDING_HTTP_REDIRECT)
        args = server.response_args(request.message, [BINDING_HTTP_POST])
        attributes = {"mail": email, **PEOPLE.get(email, {})}
        response = server.create_authn_response(
            {key: value for key, value in attributes.items() if value},
            name_id=NameID(format=NAMEID_FORMAT_EMAILADDRESS, text=email),
            authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:Password"},
            sign_response=True,
            sign_assertion=True,
            sign_alg="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",  # our side refuses SHA-1
            digest_alg="http://www.w3.org/2001/04/xmlenc#sha256",
            in_response_to=args["in_response_to"],
            destination=args["destination"],
            sp_entity_id=args["sp_entity_id"],
            name_id_policy=args["name_id_policy"],
        )
        http = server.apply_binding(
            BINDING_HTTP_POST, str(response), args["destination"], query.get("RelayState", ""), response=True
        )
        return self.respond(start_response, "200 OK", http["data"].encode(), content_type="text/html")


def main() -> None:
    port = int(sys.argv[1])
    if os.environ.get("IDP_NOW"):
        set_clock(float(os.environ["IDP_NOW"]))
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = make_server("127.0.0.1", port, App(f"http://127.0.0.1:{port}"), handler_class=Quiet)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
