"""An Open Badges 3.0 verifier for the tests, written only from the specifications and built
on libraries nobody on this project wrote, none of which the product signs with:

- the VC-JWT's signature: ``jwcrypto`` (the product signs with ``cryptography`` directly),
  with the key resolved from the served DID document (did:web → URL → verification method
  named by the JWT's ``kid``); PyJWT checks the same signature a second time;
- the credential: the official OB 3.0 JSON schema (``ob_v3p0_achievementcredential_schema.json``,
  vendored unchanged from 1EdTech/openbadges-specification, gh-pages, ``docs/schema/
  achievementcredential.json``, $id ``…/ob_v3p0_achievementcredential-jsonschema1.json``)
  with ``jsonschema``'s Draft 2019-09 validator;
- revocation: the Bitstring Status List credential (itself a VC-JWT, verified the same way),
  decoded as the W3C recommendation says (multibase ``u``, GZIP, bit 0 the left-most).

PyPI's ``openbadgeslib`` (4.6.3) installs here but only knows Open Badges 1.x signed
assertions, not 3.0 credentials, so it cannot serve as the verifier."""

import base64
import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import jwt as pyjwt
from django.conf import settings
from jwcrypto import jwk, jws

SCHEMA = json.loads((Path(__file__).parent / "ob_v3p0_achievementcredential_schema.json").read_text())


@dataclass
class Verdict:
    valid: bool
    errors: list[str] = field(default_factory=list)
    credential: dict | None = None


def _path(url: str) -> str:
    """The path of one of the site's absolute URLs, for the test client."""
    assert url.startswith(settings.BASE_URL.rstrip("/")), url
    return urlsplit(url).path


def did_document_path(did: str) -> str:
    """did:web resolution (https://w3c-ccg.github.io/did-method-web/#read-resolve)."""
    host, *segments = did.removeprefix("did:web:").split(":")
    return "/" + ("/".join(segments) + "/did.json" if segments else ".well-known/did.json")


def _header(token: str) -> dict:
    first = token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(first + "=" * (-len(first) % 4)))


def verify_jwt(client, token: str) -> dict:
    """The verified claims of ``token``; raises on a bad signature or an unknown key."""
    header = _header(token)
    assert header["alg"] == "EdDSA", header
    did, _hash, _fragment = header["kid"].partition("#")
    document = client.get(did_document_path(did)).json()
    assert document["id"] == did
    (method,) = [m for m in document["verificationMethod"] if m["id"] == header["kid"]]
    assert header["kid"] in document["assertionMethod"]
    key = jwk.JWK(**method["publicKeyJwk"])
    verified = jws.JWS()
    verified.deserialize(token)
    verified.verify(key, alg="EdDSA")
    claims = json.loads(verified.payload)
    # A second, unrelated JOSE implementation must agree.
    pyjwt.decode(
        token,
        key=pyjwt.PyJWK(method["publicKeyJwk"], algorithm="EdDSA").key,
        algorithms=["EdDSA"],
        options={"verify_aud": False, "verify_iat": False, "verify_nbf": False},
    )
    assert claims["iss"] == did
    return claims


def bit_is_set(encoded_list: str, index: int) -> bool:
    assert encoded_list.startswith("u")
    body = encoded_list[1:]
    bits = gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    assert len(bits) * 8 >= 131072  # the spec's minimum
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def verify(client, token: str) -> Verdict:
    """Verify an OpenBadgeCredential VC-JWT as a relying party would."""
    try:
        credential = verify_jwt(client, token)
    except Exception as error:  # any failure to verify is a verdict, not a crash
        return Verdict(False, [f"signature: {error!r}"])
    errors = [f"schema: {e.message}" for e in jsonschema.Draft201909Validator(SCHEMA).iter_errors(credential)]
    if "OpenBadgeCredential" not in credential.get("type", []):
        errors.append("type: not an OpenBadgeCredential")
    status = credential.get("credentialStatus")
    if status:
        response = client.get(_path(status["statusListCredential"]))
        status_list = verify_jwt(client, response.content.decode())
        subject = status_list["credentialSubject"]
        assert subject["statusPurpose"] == status["statusPurpose"] == "revocation"
        if bit_is_set(subject["encodedList"], int(status["statusListIndex"])):
            errors.append("status: revoked")
    return Verdict(not errors, errors, credential)
