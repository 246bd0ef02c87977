"""Every /api operation of the document, sent a token it must refuse, answers 401 problem+json
with `WWW-Authenticate: Bearer`, and never runs: a bad signature, an `alg: none` token, an expired
one, one not yet valid, the wrong issuer or audience, an unknown role, no `exp`, and garbage.

Usage: DXP_JWT_SECRET=... invalid_tokens.py BASE_URL (the secret the server signs with, so that
the refusals are for the reason each case names and not merely for the signature)."""

import base64
import hashlib
import hmac
import json
import os
import sys
import time
import urllib.error
import urllib.request

BASE = sys.argv[1].rstrip("/")
SECRET = os.environ["DXP_JWT_SECRET"].encode()
NOW = int(time.time())


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token(claims_change=None, header=None, secret=SECRET, drop=()):
    claims = {"sub": "schemathesis", "iss": "dxp", "aud": "dxp-api", "iat": NOW,
              "exp": NOW + 600, "org": 6004, "roles": ["teo-submitter"]}
    claims.update(claims_change or {})
    for name in drop:
        claims.pop(name, None)
    head = header or {"alg": "HS256", "typ": "JWT"}
    signing_input = f"{b64(json.dumps(head).encode())}.{b64(json.dumps(claims).encode())}"
    if head.get("alg") == "none":
        return signing_input + "."
    signature = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64(signature)}"


CASES = {
    "valid claims, wrong signing key": token(secret=b"another-secret-that-is-long-enough-32"),
    "alg none": token(header={"alg": "none", "typ": "JWT"}),
    "expired a minute ago": token({"exp": NOW - 60, "iat": NOW - 660}),
    "not valid for an hour": token({"nbf": NOW + 3600}),
    "another issuer": token({"iss": "someone-else"}),
    "another audience": token({"aud": "another-api"}),
    "no audience": token(drop=("aud",)),
    "no expiry": token(drop=("exp",)),
    "an unknown role": token({"roles": ["superuser"]}),
    "not a JWT": "not-a-token",
}


def operations():
    with urllib.request.urlopen(f"{BASE}/openapi.json") as response:
        document = json.load(response)
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if path.startswith("/api/") and "security" in operation:
                concrete = path.replace("{id}", "00000000-0000-4000-8000-000000000000") \
                    .replace("{localId}", "L1").replace("{fileName}", "COUR6004.txt")
                if "/rounds/" in path:
                    concrete = concrete.replace("00000000-0000-4000-8000-000000000000", "2026-APR")
                yield method.upper(), concrete


def main() -> int:
    failures = []
    checked = 0
    for method, path in operations():
        for case, bearer in CASES.items():
            request = urllib.request.Request(
                f"{BASE}{path}", method=method, data=b"{}" if method in ("POST", "PATCH") else None,
                headers={"Authorization": f"Bearer {bearer}", "Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request) as response:
                    status, headers, body = response.status, response.headers, response.read()
            except urllib.error.HTTPError as error:
                status, headers, body = error.code, error.headers, error.read()
            checked += 1
            problem = headers.get("Content-Type", "").startswith("application/problem+json")
            if status != 401 or not problem or headers.get("WWW-Authenticate") != "Bearer":
                failures.append(f"{method} {path} with {case}: {status} {body[:200]!r}")
    print(f"{checked} requests: {len(failures)} not refused as they must be")
    for failure in failures:
        print("  " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
