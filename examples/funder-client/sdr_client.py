#!/usr/bin/env python3
"""A student management system's SDR integration, written for the funder's (TEC's) own
provider-based SDR API (`/submissions/v1.0`) and nothing else.

It takes one return through the funder's documented flow: a token from the logon service, the
returns on offer (P1), a submission token (P2), the five files uploaded (P3-P7), a record
deleted (P8), a validation run requested (P9) and polled (P10), its results read (P11), and the
return submitted (P13); then it reads back what the submission holds (`submissionContentsUrl`).

Nothing in here knows which server it talks to: only the base URL, the token URL and the
credentials are given to it. Standard library only, so it runs wherever Python 3.11 does.

Usage:
  sdr_client.py --base-url URL --client-id ID --client-secret SECRET --edumis 6004 --return-id 202608
                [--token-url URL] [--data FOLDER]
(the client id and secret may come from SDR_CLIENT_ID and SDR_CLIENT_SECRET instead).
Exits 0 only when the return ends `Submitted`.
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

API = "/submissions/v1.0"

# The five files of a return, in the order they are sent: the file in the data folder, and its
# endpoint (P3-P7) under the API.
RETURN_FILES = [
    ("courses.json", "courses"),
    ("learners.json", "learners"),
    ("course-enrolments.json", "course-enrolments"),
    ("course-completions.json", "course-completions"),
    ("qualification-completions.json", "qualification-completions"),
]

# The throwaway learner uploaded and deleted again to show that P8 works.
TEMP_LOCAL_ID = "FUNDER-CLIENT-TEMP"

# How a validation run ends (P10); anything else is still going.
VERDICTS = {"Processed", "Rejected"}

HTTP_TIMEOUT = 60.0  # seconds for one request
MAX_RETRIES = 5  # tries after a 429 before giving up
POLL_INTERVAL = 0.5  # seconds between P10 polls
POLL_TIMEOUT = 120.0  # seconds to wait for a verdict


class SdrError(Exception):
    """A call the API refused, or answered in a way the funder's document does not describe."""

    def __init__(self, action: str, status: int | None, body: bytes, why: str = "") -> None:
        super().__init__(action)
        self.action = action
        self.status = status
        self.body = body
        self.why = why

    def report(self) -> str:
        """What went wrong, with the fields an integrator quotes when asking for help."""
        head = f"error: {self.action} failed"
        if self.status is not None and self.status >= 400:
            head += f" with HTTP {self.status}"
        lines = [head + (f": {self.why}" if self.why else "")]
        try:
            problem = json.loads(self.body) if self.body else None
        except ValueError:
            problem = None
        if isinstance(problem, dict):
            # The funder's refusals carry `errorCode` and `detail`; the logon service's are
            # OAuth's `error` and `error_description`.
            for key in ("errorCode", "detail", "error", "error_description", "title", "instance"):
                if problem.get(key) not in (None, ""):
                    lines.append(f"  {key}: {problem[key]}")
        elif self.body:
            lines.append("  " + self.body.decode(errors="replace")[:2000])
        return "\n".join(lines)


@dataclass(frozen=True)
class Session:
    """Where the API is and who is calling it: every call after the token carries both."""

    base_url: str
    access_token: str
    edumis: str

    def headers(self) -> dict[str, str]:
        # `Authentication`, not `Authorization`: the funder's document spells it so, and an
        # integration written to that document sends exactly this.
        return {
            "Authentication": f"Bearer {self.access_token}",
            "EID": self.edumis,
            "Accept": "application/json",
        }


def send(
    action: str, method: str, url: str, headers: dict[str, str], body: bytes | None = None
) -> tuple[int, bytes, Any]:
    """One HTTP request, retried after a 429 as long as `Retry-After` says.

    The funder answers 429 to a second request on one submission while the first is running;
    waiting the time it names and trying again is what its document asks for. Any other
    status of 400 or more is an SdrError carrying the body, so the caller's message can quote
    the server's own `errorCode` and `detail`.
    """
    for attempt in range(MAX_RETRIES + 1):
        request = urllib.request.Request(url, data=body, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT) as response:
                return response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            content = error.read()
            if error.code == 429 and attempt < MAX_RETRIES:
                wait = retry_after(error.headers.get("Retry-After"))
                print(f"    {action}: 429 too many requests, retrying in {wait:g} s")
                time.sleep(wait)
                continue
            raise SdrError(action, error.code, content) from None
        except urllib.error.URLError as error:
            raise SdrError(action, None, b"", f"cannot reach {url}: {error.reason}") from None
        except TimeoutError:
            raise SdrError(action, None, b"", f"no answer from {url} in {HTTP_TIMEOUT:g} s") from None
    raise SdrError(action, 429, b"", f"still refused after {MAX_RETRIES} retries")


def retry_after(value: str | None) -> float:
    """The seconds a `Retry-After` header names (1 when it is absent or a date)."""
    try:
        return max(0.0, float(value)) if value else 1.0
    except ValueError:
        return 1.0


def parse_json(action: str, status: int, content: bytes) -> Any:
    """The JSON body of a successful answer, or an SdrError saying it was not JSON."""
    try:
        return json.loads(content)
    except ValueError:
        raise SdrError(action, status, content, "the answer is not JSON") from None


def call(
    session: Session,
    action: str,
    method: str,
    path: str,
    *fields: str,
    body: Any = None,
    query: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A JSON call of the API, its reply checked to hold `fields`.

    `path` is under the base URL; `body`, when given, is sent as JSON. `action` names the call
    in messages (the funder's number, not the URL: a submission token in a path is a secret
    for a day and is kept out of logs).
    """
    url = session.base_url + path
    if query:
        url += "?" + urllib.parse.urlencode(query)
    headers = session.headers()
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    status, content, _ = send(action, method, url, headers, data)
    return need(action, parse_json(action, status, content), *fields)


def need(action: str, reply: Any, *fields: str) -> dict[str, Any]:
    """The reply, checked to hold the fields the flow reads next, so a wrong shape is named."""
    if not isinstance(reply, dict):
        raise SdrError(action, 200, json.dumps(reply).encode(), "the answer is not a JSON object")
    missing = [field for field in fields if field not in reply]
    if missing:
        raise SdrError(action, 200, b"", f"the answer has no {', '.join(missing)}: {json.dumps(reply)[:500]}")
    return reply


def access_token(token_url: str, client_id: str, client_secret: str, base_url: str, edumis: str) -> str:
    """A bearer token from the logon service, by OAuth client credentials with HTTP Basic.

    The scope is the API's base URL and `org_id` the organisation, as the funder documents.
    """
    basic = base64.b64encode(f"{client_id}:{client_secret}".encode()).decode()
    form = urllib.parse.urlencode({"grant_type": "client_credentials", "scope": base_url, "org_id": edumis})
    headers = {
        "Authorization": f"Basic {basic}",
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/json",
    }
    action = f"POST {token_url}"
    status, content, _ = send(action, "POST", token_url, headers, form.encode())
    reply = need(action, parse_json(action, status, content), "access_token", "token_type", "expires_in")
    print(f"token: {reply['token_type']}, expires in {reply['expires_in']} s")
    return str(reply["access_token"])


def find_return(session: Session, return_id: int) -> dict[str, Any]:
    """P1: the return asked for, from the returns the funder offers this organisation.

    Reads every page, so a return further down the list is still found. The indicative (March)
    returns are listed only on request, so they are asked for when the return is one.
    """
    indicative = "true" if return_id % 100 == 3 else "false"
    listed: list[dict[str, Any]] = []
    page = 1
    while True:
        reply = call(
            session,
            "P1 GET /returns",
            "GET",
            f"{API}/returns",
            "page",
            "pageSize",
            "results",
            "totalCount",
            query={"includeIndicative": indicative, "page": page, "pageSize": 100},
        )
        listed.extend(reply["results"])
        if not reply["results"] or len(listed) >= reply["totalCount"]:
            break
        page += 1
    print(f"P1  {len(listed)} returns offered: " + ", ".join(f"{r['returnId']} {r['returnStatus']}" for r in listed))
    for item in listed:
        if item.get("returnId") == return_id:
            print(
                f"    return {return_id}: {item['returnType']}, {item['returnYear']}-{item['returnMonth']:02}, "
                f"window {item['openWindowDate']} to {item['closeWindowDate']}, status {item['returnStatus']}"
            )
            return item
    raise SdrError("P1 GET /returns", 200, b"", f"return {return_id} is not among the returns offered")


def submission_token(session: Session, return_id: int) -> dict[str, Any]:
    """P2: a submission token for the return; every later call names the submission by it."""
    reply = call(
        session,
        f"P2 POST /token/{return_id}",
        "POST",
        f"{API}/token/{return_id}",
        "submissionToken",
        "tokenExpiry",
        "maxRecordPerBatch",
        "submissionStatus",
        "submissionContentsUrl",
    )
    print(
        f"P2  submission token for {reply.get('returnId')} ({reply.get('submissionType')}): "
        f"status {reply['submissionStatus']}, expires {reply['tokenExpiry']}, "
        f"at most {reply['maxRecordPerBatch']} records a batch, "
        f"{len(reply.get('validationRunResults') or [])} validation runs so far"
    )
    return reply


def send_records(session: Session, method: str, endpoint: str, token: str, records: list[dict[str, Any]]) -> list[Any]:
    """One batch to an upload (PUT, P3-P7) or delete (DELETE, P8) endpoint: what it says of each record."""
    action = f"{'P8' if method == 'DELETE' else 'P3-P7'} {method} /{endpoint}"
    body = {"submissionToken": token, "content": records}
    reply = call(session, action, method, f"{API}/{endpoint}", "content", body=body)
    content = reply["content"]
    if not isinstance(content, list) or len(content) != len(records):
        raise SdrError(action, 200, b"", f"sent {len(records)} records, the answer names {len(content)}")
    return content


def print_record_errors(endpoint: str, answered: list[Any], limit: int = 5) -> int:
    """Prints the first few records with errors; returns how many records had errors."""
    with_errors = [record for record in answered if record.get("errors")]
    for record in with_errors[:limit]:
        for error in record["errors"]:
            print(f"      {endpoint} {record.get('localId')}: {error}")
    if len(with_errors) > limit:
        print(f"      ... and {len(with_errors) - limit} more records with errors")
    return len(with_errors)


def upload_file(session: Session, token: str, path: Path, endpoint: str, batch_size: int) -> int:
    """P3-P7: one file's records, in batches of at most `maxRecordPerBatch`; returns the records with errors."""
    try:
        records = json.loads(path.read_text(encoding="utf-8"))["records"]
    except (OSError, ValueError, KeyError) as error:
        raise SystemExit(f"error: cannot read the records of {path}: {error}") from None
    answered: list[Any] = []
    batches = 0
    for start in range(0, len(records), batch_size):
        answered.extend(send_records(session, "PUT", endpoint, token, records[start : start + batch_size]))
        batches += 1
    errors = print_record_errors(endpoint, answered)
    print(f"    PUT {endpoint:<26} {len(records):>4} records in {batches} batches, {errors} with errors")
    return errors


def show_delete(session: Session, token: str, data: Path) -> None:
    """P8: uploads a throwaway learner and deletes it again; the delete must find it."""
    learners = json.loads((data / "learners.json").read_text(encoding="utf-8"))["records"]
    temp = dict(learners[0], localId=TEMP_LOCAL_ID, studentIdentificationCode="S004999999")
    uploaded = send_records(session, "PUT", "learners", token, [temp])
    print(f"    PUT learners {TEMP_LOCAL_ID}: {len(uploaded[0].get('errors') or [])} errors")
    deleted = send_records(session, "DELETE", "learners", token, [{"localId": TEMP_LOCAL_ID}])
    record = deleted[0]
    if record.get("localId") != TEMP_LOCAL_ID or record.get("errors"):
        raise SdrError("P8 DELETE /learners", 200, json.dumps(record).encode(), "the throwaway learner was not deleted")
    print(f"P8  DELETE learners {TEMP_LOCAL_ID}: deleted, no errors")


def print_run(label: str, run: dict[str, Any]) -> None:
    print(
        f"{label} {run['status']}: {run.get('errorCount')} errors, {run.get('warningCount')} warnings "
        f"(received {run.get('dateReceived')}, started {run.get('dateStarted')}, completed {run.get('dateCompleted')})"
    )


def request_validation(session: Session, token: str) -> dict[str, Any]:
    """P9: asks for a validation run of everything uploaded."""
    run = call(session, "P9 POST /validation/{submissionToken}", "POST", f"{API}/validation/{token}", "status")
    print_run("P9 ", run)
    return run


def wait_for_verdict(session: Session, token: str) -> dict[str, Any]:
    """P10: polls the run until it is `Processed` or `Rejected`, printing each change of status."""
    deadline = time.monotonic() + POLL_TIMEOUT
    last = ""
    while True:
        run = call(session, "P10 GET /validation/{submissionToken}", "GET", f"{API}/validation/{token}", "status")
        if run["status"] != last:
            print(f"P10 {run['status']}")
            last = run["status"]
        if run["status"] in VERDICTS:
            print_run("    verdict:", run)
            return run
        if time.monotonic() > deadline:
            raise SystemExit(f"error: no verdict after {POLL_TIMEOUT:g} s; the run is still {run['status']}")
        time.sleep(POLL_INTERVAL)


def read_results(session: Session, token: str) -> list[dict[str, Any]]:
    """P11: every row of the run's results, page by page."""
    rows: list[dict[str, Any]] = []
    page = 1
    while True:
        reply = call(
            session,
            "P11 GET /validation/{submissionToken}/results",
            "GET",
            f"{API}/validation/{token}/results",
            "results",
            "totalCount",
            query={"page": page, "pageSize": 100},
        )
        rows.extend(reply["results"])
        if not reply["results"] or len(rows) >= reply["totalCount"]:
            return rows
        page += 1


def print_results(rows: list[dict[str, Any]], limit: int = 10) -> None:
    by_type = Counter(row.get("errorType") for row in rows)
    print(f"P11 {len(rows)} results: " + (", ".join(f"{n} {kind}" for kind, n in sorted(by_type.items())) or "none"))
    # Errors first: they are what stops a return.
    shown = sorted(rows, key=lambda row: row.get("errorType") != "Error")[:limit]
    for row in shown:
        print(
            f"    {row.get('errorType', ''):<7} {row.get('errorCode', ''):<7} {row.get('fileType', ''):<23} "
            f"{row.get('localId') or '-':<18} {row.get('field') or '(record)'}: {row.get('errorDescription')}"
        )
    if len(rows) > limit:
        print(f"    ... and {len(rows) - limit} more")


def submit(session: Session, token: str) -> dict[str, Any]:
    """P13: submits the validated return to the funder."""
    run = call(session, "P13 POST /submit/{submissionToken}", "POST", f"{API}/submit/{token}", "status")
    print_run("P13", run)
    if run["status"] != "Submitted":
        raise SdrError("P13 POST /submit/{submissionToken}", 200, b"", f"the run is {run['status']}, not Submitted")
    return run


def check_contents(session: Session, url: str) -> None:
    """Reads back what the submission holds (`submissionContentsUrl`): a ZIP of five CSV files."""
    action = "GET submissionContentsUrl"
    headers = dict(session.headers(), Accept="application/zip")
    _, content, _ = send(action, "GET", url, headers)
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile:
        raise SdrError(action, 200, content[:500], "the answer is not a ZIP") from None
    with archive:
        entries = archive.infolist()
        print(f"    contents: {len(content)} bytes, {len(entries)} files")
        for entry in entries:
            print(f"      {entry.filename:<16} {entry.file_size:>7} bytes")
        csv = [entry for entry in entries if entry.filename.upper().endswith(".CSV")]
        if len(csv) != 5:
            raise SdrError(action, 200, b"", f"the ZIP holds {len(csv)} CSV files, not 5")


def run(args: argparse.Namespace) -> int:
    base = args.base_url.rstrip("/")
    data = Path(args.data).resolve()
    return_id = int(args.return_id)
    token_url = args.token_url or f"{base}/oauth2/access_token"
    token = access_token(token_url, args.client_id, args.client_secret, base, args.edumis)
    session = Session(base_url=base, access_token=token, edumis=args.edumis)

    find_return(session, return_id)
    granted = submission_token(session, return_id)
    token = granted["submissionToken"]
    batch_size = max(1, int(granted["maxRecordPerBatch"]))

    print("P3-P7 uploads")
    for file_name, endpoint in RETURN_FILES:
        upload_file(session, token, data / file_name, endpoint, batch_size)
    show_delete(session, token, data)

    request_validation(session, token)
    verdict = wait_for_verdict(session, token)
    rows = read_results(session, token)
    print_results(rows)
    if verdict["status"] == "Rejected":
        errors = [row for row in rows if row.get("errorType") == "Error"]
        print(
            f"error: the return was Rejected with {len(errors)} errors; fix them, upload again and revalidate",
            file=sys.stderr,
        )
        for row in errors:
            print(
                f"  {row.get('errorCode')} {row.get('fileType')} {row.get('localId')}: {row.get('errorDescription')}",
                file=sys.stderr,
            )
        return 1

    submit(session, token)
    if args.check_contents:
        check_contents(session, granted["submissionContentsUrl"])
    print(f"return {return_id} of {args.edumis}: Submitted")
    return 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    default_data = Path(__file__).resolve().parent.parent / "data" / "json"
    parser = argparse.ArgumentParser(description="Send an SDR return through the funder's provider-based API.")
    parser.add_argument("--base-url", required=True, help="the API's base URL, e.g. https://api.example.govt.nz")
    parser.add_argument("--token-url", help="the logon service's token URL (default: BASE/oauth2/access_token)")
    parser.add_argument("--client-id", default=os.environ.get("SDR_CLIENT_ID"), help="or env SDR_CLIENT_ID")
    parser.add_argument("--client-secret", default=os.environ.get("SDR_CLIENT_SECRET"), help="or env SDR_CLIENT_SECRET")
    parser.add_argument("--edumis", required=True, help="the organisation's EDUMIS number, e.g. 6004")
    parser.add_argument("--return-id", required=True, help="the return, YYYYMM, e.g. 202608")
    parser.add_argument("--data", default=str(default_data), help="the folder of the five JSON files")
    parser.add_argument(
        "--no-contents", dest="check_contents", action="store_false", help="skip reading submissionContentsUrl"
    )
    args = parser.parse_args(argv)
    if not args.client_id or not args.client_secret:
        parser.error("give --client-id and --client-secret (or set SDR_CLIENT_ID and SDR_CLIENT_SECRET)")
    if not (args.return_id.isdigit() and len(args.return_id) == 6):
        parser.error(f"--return-id must be YYYYMM, e.g. 202608, not {args.return_id!r}")
    return args


def main() -> int:
    sys.stdout.reconfigure(line_buffering=True)  # show progress as it happens, also through a pipe
    args = parse_args()
    try:
        return run(args)
    except SdrError as error:
        print(error.report(), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
