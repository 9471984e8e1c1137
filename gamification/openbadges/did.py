"""The issuer's identity for Open Badges 3.0: ``did:web`` of ``BASE_URL``, its DID document
with every signing key (current and rotated) as a ``JsonWebKey`` verification method, and
compact JWS signing with Ed25519 (``cryptography``; alg ``EdDSA``, RFC 8037).

did:web (https://w3c-ccg.github.io/did-method-web/): the host, a port percent-encoded
(``%3A``), path segments joined with ``:``. Without a path the document lives at
``/.well-known/did.json``, with one at ``<path>/did.json``."""

import base64
import json
import secrets
from urllib.parse import quote, urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings

DID_CONTEXT = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/jwk/v1"]


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def did_web(base_url: str | None = None) -> str:
    """``did:web:host[%3Aport][:path:segments]`` of ``base_url`` (default ``BASE_URL``)."""
    parts = urlsplit(base_url or settings.BASE_URL)
    host = parts.hostname or "localhost"
    if parts.port:
        host = f"{host}%3A{parts.port}"
    segments = [quote(s, safe="") for s in parts.path.split("/") if s]
    return ":".join(["did:web", host, *segments])


def did_document_url(did: str) -> str:
    """Where a resolver fetches the document of ``did`` (a did:web), as the method says."""
    host, *segments = did.removeprefix("did:web:").split(":")
    path = "/".join(segments) + "/did.json" if segments else ".well-known/did.json"
    return f"https://{host.replace('%3A', ':')}/{path}"


def verification_method_id(kid: str) -> str:
    return f"{did_web()}#{kid}"


def new_key() -> tuple[str, str, dict]:
    """A fresh Ed25519 key: (kid, PKCS#8 PEM of the private key, public JWK)."""
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode("ascii")
    raw = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    kid = "key-" + secrets.token_hex(6)
    return kid, pem, {"kty": "OKP", "crv": "Ed25519", "x": b64url(raw), "kid": kid}


def did_document(keys) -> dict:
    """The DID document: ``keys`` (``SigningKey`` rows, oldest first) as verification methods,
    all usable for assertions (a rotated key still verifies what it signed)."""
    did = did_web()
    methods = [
        {
            "id": f"{did}#{key.kid}",
            "type": "JsonWebKey",
            "controller": did,
            "publicKeyJwk": {k: v for k, v in key.public_jwk.items() if k in ("kty", "crv", "x")},
        }
        for key in keys
    ]
    ids = [method["id"] for method in methods]
    return {
        "@context": DID_CONTEXT,
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": ids,
        "authentication": ids,
    }


def sign_jwt(payload: dict, *, private_key_pem: str, kid: str, typ: str = "vc+jwt") -> str:
    """``payload`` as a compact JWS, header ``alg: EdDSA``, ``kid`` the verification method's
    DID URL, ``typ`` (media type ``application/vc+jwt``, VC-JOSE-COSE)."""
    header = {"alg": "EdDSA", "kid": verification_method_id(kid), "typ": typ}
    signing_input = (
        b64url(json.dumps(header, separators=(",", ":")).encode())
        + "."
        + b64url(json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
    )
    private = serialization.load_pem_private_key(private_key_pem.encode("ascii"), password=None)
    signature = private.sign(signing_input.encode("ascii"))
    return signing_input + "." + b64url(signature)
