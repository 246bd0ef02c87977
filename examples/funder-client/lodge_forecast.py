#!/usr/bin/env python3
"""Lodges an organisation's EFTS forecast for a round through DXP's own API (`/api/v1`).

This is the DXP-specific setup step before sdr_client.py runs, and not part of the funder's
API: a return with provision that needs a forecast cannot be submitted until the round's EFTS
forecast is lodged (round rule RD-010), and a TEO lodges that forecast separately from its
student management system. So it is done here, with a DXP bearer token, as
examples/python-client/run_return.py does it: open an EftsForecast submission, upload the
records, validate, wait for the verdict, submit.

Usage:
  lodge_forecast.py --base-url URL --round 2026-AUG [--token TOKEN] [--data FILE]
(the token may come from DXP_TOKEN instead: a `teo-submitter` token for the organisation).
Exits 0 only when the forecast ends `Submitted`. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

HTTP_TIMEOUT = 60.0  # seconds for one request
POLL_TIMEOUT = 120.0  # seconds to wait for a verdict
VERDICTS = {"Processed", "Rejected"}


class DxpError(Exception):
    """A refusal by DXP: the status and the RFC 9457 problem it answered with."""

    def __init__(self, action: str, status: int | None, body: bytes, why: str = "") -> None:
        super().__init__(action)
        self.action, self.status, self.body, self.why = action, status, body, why

    def report(self) -> str:
        lines = [f"error: {self.action} failed" + (f" with HTTP {self.status}" if self.status else "")]
        if self.why:
            lines[0] += f": {self.why}"
        try:
            problem = json.loads(self.body) if self.body else None
        except ValueError:
            problem = None
        if isinstance(problem, dict):
            for key in ("title", "detail", "rule", "errorCode", "instance"):
                if problem.get(key) not in (None, ""):
                    lines.append(f"  {key}: {problem[key]}")
        elif self.body:
            lines.append("  " + self.body.decode(errors="replace")[:2000])
        return "\n".join(lines)


def call(base: str, token: str, method: str, path: str, body: Any = None) -> Any:
    """A JSON call of DXP's API with the bearer token; a status of 400 or more is a DxpError."""
    action = f"{method} {path}"
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(base + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        raise DxpError(action, error.code, error.read()) from None
    except urllib.error.URLError as error:
        raise DxpError(action, None, b"", f"cannot reach {base}: {error.reason}") from None


def wait_for_verdict(base: str, token: str, sub_id: str) -> dict[str, Any]:
    """Polls the submission until validation has given its verdict."""
    deadline = time.monotonic() + POLL_TIMEOUT
    while True:
        sub = call(base, token, "GET", f"/api/v1/submissions/{sub_id}")
        if sub["status"] in VERDICTS:
            return sub
        if time.monotonic() > deadline:
            raise SystemExit(f"error: the EFTS forecast {sub_id} is still {sub['status']} after {POLL_TIMEOUT:g} s")
        time.sleep(0.5)


def print_problems(base: str, token: str, sub_id: str) -> None:
    page = call(base, token, "GET", f"/api/v1/submissions/{sub_id}/problems?limit=1000")
    for p in page.get("results", []):
        where = f"{p.get('localId')} {p.get('field') or '(record)'}"
        print(f"  {p.get('severity')} {p.get('rule')} {where}: {p.get('message')}")


def lodge(base: str, token: str, round_: str, data: Path) -> int:
    records = json.loads(data.read_text(encoding="utf-8"))["records"]
    sub = call(base, token, "POST", "/api/v1/submissions", {"round": round_, "submissionType": "EftsForecast"})
    sub_id = sub["id"]
    print(f"opened EFTS forecast {sub_id} for {sub['organisation']}, round {sub['round']}: {sub['status']}")
    report = call(base, token, "POST", f"/api/v1/submissions/{sub_id}/efts-forecasts", {"records": records})
    print(
        f"  efts-forecasts: {report.get('received')} received, {report.get('stored')} stored, "
        f"{report.get('errorCount')} errors, {report.get('warningCount')} warnings"
    )
    call(base, token, "POST", f"/api/v1/submissions/{sub_id}/validate")
    sub = wait_for_verdict(base, token, sub_id)
    print(f"  verdict: {sub['status']}, {sub['errorCount']} errors, {sub['warningCount']} warnings")
    if sub["status"] != "Processed":
        print_problems(base, token, sub_id)
        print(f"error: the EFTS forecast {sub_id} is {sub['status']}", file=sys.stderr)
        return 1
    sub = call(base, token, "POST", f"/api/v1/submissions/{sub_id}/submit")
    print(f"  lodged: {sub['status']}")
    return 0 if sub["status"] == "Submitted" else 1


def main() -> int:
    sys.stdout.reconfigure(line_buffering=True)
    default_data = Path(__file__).resolve().parent.parent / "data" / "json" / "efts-forecasts.json"
    parser = argparse.ArgumentParser(description="Lodge a round's EFTS forecast through DXP's /api/v1.")
    parser.add_argument("--base-url", required=True, help="DXP, e.g. http://127.0.0.1:8080")
    parser.add_argument("--token", default=os.environ.get("DXP_TOKEN"), help="a teo-submitter token (or DXP_TOKEN)")
    parser.add_argument("--round", required=True, help="the round, e.g. 2026-AUG")
    parser.add_argument("--data", default=str(default_data), help="the forecast's records (JSON)")
    args = parser.parse_args()
    if not args.token:
        parser.error("give --token or set DXP_TOKEN")
    try:
        return lodge(args.base_url.rstrip("/"), args.token, args.round, Path(args.data))
    except DxpError as error:
        print(error.report(), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
