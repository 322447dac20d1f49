"""Open Badges 3.0: each certificate as a Verifiable Credential, signed, so it can live in a
digital wallet and be checked without asking us.

Proof: a W3C Data Integrity proof, cryptosuite `eddsa-jcs-2022` (Ed25519 over the JSON
Canonicalization Scheme): the signature covers SHA-256(JCS(proof options)) followed by
SHA-256(JCS(credential)). The issuer is a `did:key` made from the public key, so a verifier
needs nothing but the credential. The key comes from `CERTIFICATE_SIGNING_KEY` (a PEM
Ed25519 private key); without it one is made on first use and kept in the private storage
(`keys/certificate-signing.pem`) — back that file up: credentials signed with a lost key
can still be read, but new ones get a different issuer id."""

from __future__ import annotations

import hashlib
import json
import os
import time

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from lms.storage import private_storage

KEY_FILE = "keys/certificate-signing.pem"
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]


def b58encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    out = ""
    while number:
        number, rest = divmod(number, 58)
        out = B58[rest] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def b58decode(text: str) -> bytes:
    number = 0
    for char in text:
        number = number * 58 + B58.index(char)
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * (len(text) - len(text.lstrip("1"))) + body


def canonical(value) -> bytes:
    """JSON Canonicalization Scheme (RFC 8785) for our documents: strings, integers,
    booleans, lists and objects only."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode()


def _private_key():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    pem = settings.CERTIFICATE_SIGNING_KEY
    if not pem:
        storage = private_storage()
        path = storage.path(KEY_FILE)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        try:  # only one process creates it; the others read what it wrote
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(handle, "wb") as out:
                out.write(
                    Ed25519PrivateKey.generate().private_bytes(
                        serialization.Encoding.PEM,
                        serialization.PrivateFormat.PKCS8,
                        serialization.NoEncryption(),
                    )
                )
        for _attempt in range(50):  # a key being written by another process
            with open(path, "rb") as existing:
                pem = existing.read()
            if pem:
                break
            time.sleep(0.02)
    if isinstance(pem, str):
        pem = pem.encode()
    return serialization.load_pem_private_key(pem, password=None)


def did_key(public_key) -> str:
    from cryptography.hazmat.primitives import serialization

    raw = public_key.public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return "did:key:z" + b58encode(b"\xed\x01" + raw)


def public_key_from_did(did: str):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    raw = b58decode(did.removeprefix("did:key:z"))
    if raw[:2] != b"\xed\x01":
        raise ValueError("not an Ed25519 did:key")
    return Ed25519PublicKey.from_public_bytes(raw[2:])


def _hash_data(document: dict, proof_options: dict) -> bytes:
    return (
        hashlib.sha256(canonical(proof_options)).digest()
        + hashlib.sha256(canonical(document)).digest()
    )


def credential(certificate) -> dict:
    """The signed OpenBadgeCredential of a certificate."""
    key = _private_key()
    issuer = did_key(key.public_key())
    verify = settings.SITE_URL + reverse("certificate-verify", args=[certificate.code])
    template = certificate.template
    document = {
        "@context": CONTEXTS,
        "id": verify + "credential.json",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer, "type": ["Profile"], "name": certificate.issuer},
        "validFrom": certificate.issued_at.replace(microsecond=0).isoformat(),
        "name": certificate.heading or template.heading,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": certificate.full_name,
            "achievement": {
                "id": verify + "#achievement",
                "type": ["Achievement"],
                "name": f"{certificate.programme_name}: {certificate.cohort_name}",
                "description": certificate.heading or template.heading,
                "criteria": {
                    "narrative": f"{certificate.starts_on} – {certificate.ends_on}"
                },
            },
        },
    }
    options = {
        "@context": CONTEXTS,
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-jcs-2022",
        "created": timezone.now().replace(microsecond=0).isoformat(),
        "verificationMethod": issuer + "#" + issuer.removeprefix("did:key:"),
        "proofPurpose": "assertionMethod",
    }
    signature = key.sign(_hash_data(document, options))
    proof = {k: v for k, v in options.items() if k != "@context"}
    proof["proofValue"] = "z" + b58encode(signature)
    return {**document, "proof": proof}


def verify(signed: dict) -> bool:
    """Check a credential's proof (what a wallet does); True when it is intact."""
    from cryptography.exceptions import InvalidSignature

    document = {k: v for k, v in signed.items() if k != "proof"}
    proof = dict(signed["proof"])
    value = proof.pop("proofValue")
    options = {"@context": document["@context"], **proof}
    did = proof["verificationMethod"].split("#", 1)[0]
    try:
        public_key_from_did(did).verify(
            b58decode(value.removeprefix("z")), _hash_data(document, options)
        )
    except (InvalidSignature, ValueError):
        return False
    return True
