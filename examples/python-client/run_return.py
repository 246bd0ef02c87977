#!/usr/bin/env python3
"""Runs a whole SDR return against DXP with the generated client (dxp-client/).

Environment:
  DXP_URL    the server, e.g. http://127.0.0.1:8080
  DXP_TOKEN  a `teo-submitter` token for the organisation
  DXP_ROUND  the round (e.g. 2026-AUG); optional: else the first open round in GET /api/v1/due
             that is not an indicative (IND) or December (DEC) one
  DXP_POLL_TIMEOUT  seconds to wait for a verdict (default 300)

Usage: run_return.py [DATA_DIR]   (default: ../data/json, the sample return for organisation 6004)

The flow: open a Return, upload the sample return of ../data/json/ (as JSON), validate, wait for
Processed or Rejected, print the problems, lodge the round's EFTS forecast first when the return
needs one (rule RD-010), then submit the return. Exits 0 only if the return ends `Submitted`.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any, TypeVar

import httpx
from dxp_client import AuthenticatedClient
from dxp_client.api.rounds import list_due
from dxp_client.api.submissions import (
    create_submission,
    get_submission,
    list_submission_problems,
    submit_submission,
    upload_course_completions,
    upload_course_enrolments,
    upload_courses,
    upload_efts_forecasts,
    upload_learners,
    upload_qualification_completions,
    validate_submission,
)
from dxp_client.errors import UnexpectedStatus
from dxp_client.models import (
    CourseBatch,
    CourseCompletionBatch,
    CourseEnrolmentBatch,
    DueList,
    DueState,
    EftsForecastBatch,
    LearnerBatch,
    NewSubmission,
    Problem,
    ProblemPage,
    QualificationCompletionBatch,
    SubmissionStatus,
    SubmissionType,
    SubmissionView,
    UploadReport,
)
from dxp_client.types import UNSET, Response, Unset

# The sample return; another folder of the same six files can be named as the first argument.
DATA = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "data" / "json"

# The files of a return, in the order they are sent: each name is the file's route under the
# submission and its sample file; then the batch model and the generated upload operation.
RETURN_FILES = [
    ("learners", LearnerBatch, upload_learners),
    ("courses", CourseBatch, upload_courses),
    ("course-enrolments", CourseEnrolmentBatch, upload_course_enrolments),
    ("course-completions", CourseCompletionBatch, upload_course_completions),
    ("qualification-completions", QualificationCompletionBatch, upload_qualification_completions),
]
FORECAST_FILES = [("efts-forecasts", EftsForecastBatch, upload_efts_forecasts)]

VERDICTS = {SubmissionStatus.PROCESSED, SubmissionStatus.REJECTED}

T = TypeVar("T")


class ApiError(Exception):
    """A refusal by the API: its RFC 9457 problem, or an answer the document does not describe."""

    def __init__(self, action: str, status: int, problem: Problem | None, body: bytes = b"") -> None:
        super().__init__(action)
        self.action = action
        self.status = status
        self.problem = problem
        self.body = body

    def report(self) -> str:
        lines = [f"error: {self.action} failed with HTTP {self.status}"]
        p = self.problem
        if p is not None:
            lines.append(f"  type:   {p.type_}")
            lines.append(f"  title:  {p.title}")
            lines.append(f"  detail: {p.detail}")
            if isinstance(p.rule, str):
                lines.append(f"  rule:   {p.rule}")
            if isinstance(p.instance, str):
                lines.append(f"  instance: {p.instance} (quote it when asking about this)")
            for key, value in p.additional_properties.items():
                lines.append(f"  {key}: {value}")
        elif self.body:
            lines.append("  " + self.body.decode(errors="replace")[:2000])
        return "\n".join(lines)


def expect(action: str, response: Response[Any], wanted: type[T]) -> T:
    """The parsed body of a successful answer, or ApiError with the problem the server sent."""
    parsed = response.parsed
    if isinstance(parsed, wanted):
        return parsed
    problem = parsed if isinstance(parsed, Problem) else None
    raise ApiError(action, int(response.status_code), problem, response.content)


def call(action: str, fn: Any, wanted: type[T], *args: Any, **kwargs: Any) -> T:
    """Calls a generated `sync_detailed` and checks its answer."""
    try:
        response = fn(*args, **kwargs)
    except UnexpectedStatus as e:
        problem = None
        try:
            problem = Problem.from_dict(json.loads(e.content))
        except (ValueError, KeyError, TypeError):
            pass
        raise ApiError(action, e.status_code, problem, e.content) from None
    return expect(action, response, wanted)


def choose_round(client: AuthenticatedClient) -> str:
    chosen = os.environ.get("DXP_ROUND", "").strip()
    if chosen:
        print(f"round {chosen} (DXP_ROUND)")
        return chosen
    due = call("GET /api/v1/due", list_due.sync_detailed, DueList, client=client)
    for item in due.results:
        if item.state == DueState.OPEN and not item.round_.endswith(("IND", "DEC")):
            print(f"round {item.round_}: {item.state.value}, due {item.due_at:%Y-%m-%d %H:%M %Z}")
            return item.round_
    states = ", ".join(f"{i.round_} {i.state.value}" for i in due.results) or "nothing"
    raise SystemExit(f"error: no open return round in GET /api/v1/due (it lists: {states}); set DXP_ROUND")


def open_submission(client: AuthenticatedClient, round_: str, kind: SubmissionType) -> SubmissionView:
    sub = call(
        "POST /api/v1/submissions",
        create_submission.sync_detailed,
        SubmissionView,
        client=client,
        body=NewSubmission(round_=round_, submission_type=kind),
    )
    print(f"opened {kind.value} submission {sub.id} for {sub.organisation}, round {sub.round_}: {sub.status.value}")
    return sub


def upload(client: AuthenticatedClient, sub: SubmissionView, files: list[tuple[str, Any, Any]]) -> None:
    """Sends each sample file as JSON, in requests of at most maxRecordsPerRequest records."""
    for name, batch_model, operation in files:
        records = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))["records"]
        size = max(1, sub.max_records_per_request)
        totals = dict(received=0, stored=0, unchanged=0, errors=0, warnings=0)
        for start in range(0, len(records), size):
            try:
                batch = batch_model.from_dict({"records": records[start : start + size]})
            except (KeyError, TypeError, ValueError) as e:
                # The generated models are typed: a record whose field has the wrong type (a date
                # that is not a date) cannot be built, so it never reaches the server's checks.
                raise SystemExit(
                    f"error: {DATA / name}.json does not fit the {batch_model.__name__} schema: {e!r}"
                ) from None
            report = call(
                f"POST /api/v1/submissions/{sub.id}/{name}",
                operation.sync_detailed,
                UploadReport,
                sub.id,
                client=client,
                body=batch,
                # The same key on a retry of this request gets the first answer back.
                idempotency_key=f"{sub.id}-{name}-{start}",
            )
            totals["received"] += report.received
            totals["stored"] += report.stored
            totals["unchanged"] += report.unchanged
            totals["errors"] += report.error_count
            totals["warnings"] += report.warning_count
            for p in report.problems:
                where = f"{name}[{p.index}] {p.local_id or '-'} {p.field or '(record)'}"
                print(f"    {where}: {p.rule} {p.severity.value}: {p.message}")
        print(
            f"  {name:<26} {totals['received']:>5} received {totals['stored']:>5} stored "
            f"{totals['unchanged']:>4} unchanged {totals['errors']:>3} errors {totals['warnings']:>3} warnings"
        )


def validate_and_wait(client: AuthenticatedClient, sub_id: str) -> SubmissionView:
    sub = call(
        f"POST /api/v1/submissions/{sub_id}/validate",
        validate_submission.sync_detailed,
        SubmissionView,
        sub_id,
        client=client,
    )
    print(f"validation asked: {sub.status.value}")
    deadline = time.monotonic() + float(os.environ.get("DXP_POLL_TIMEOUT", "300"))
    last = ""
    delay = 0.2
    while True:
        sub = call(
            f"GET /api/v1/submissions/{sub_id}", get_submission.sync_detailed, SubmissionView, sub_id, client=client
        )
        line = sub.status.value
        if sub.progress and not isinstance(sub.progress, Unset):
            p = sub.progress
            if p.records_total:
                percent = 100 * p.records_checked // p.records_total
                line += f" {p.records_checked}/{p.records_total} records checked ({percent}%)"
        if line != last:
            print(f"  {line}")
            last = line
        if sub.status in VERDICTS:
            break
        if time.monotonic() > deadline:
            raise SystemExit(f"error: no verdict for {sub_id} after {os.environ.get('DXP_POLL_TIMEOUT', '300')} s")
        time.sleep(delay)
        delay = min(delay * 1.5, 2.0)
    print(f"verdict: {sub.status.value}, {sub.error_count} errors, {sub.warning_count} warnings")
    return sub


def print_problems(client: AuthenticatedClient, sub_id: str) -> None:
    rows = []
    after: int | Unset = UNSET
    while True:
        page = call(
            f"GET /api/v1/submissions/{sub_id}/problems",
            list_submission_problems.sync_detailed,
            ProblemPage,
            sub_id,
            client=client,
            after=after,
            limit=1000,
        )
        rows.extend(page.results)
        if not isinstance(page.next_cursor, int):
            break
        after = page.next_cursor
    if not rows:
        print("problems: none")
        return
    print(f"problems: {len(rows)}")
    table = [("severity", "rule", "file", "localId", "field", "message")]
    for p in rows:
        message = p.message if len(p.message) <= 90 else p.message[:87] + "..."
        table.append((p.severity.value, p.rule, p.file.value, p.local_id, p.field or "(record)", message))
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]) - 1)]
    for n, r in enumerate(table):
        print("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + "  " + r[-1])
        if n == 0:
            print("  " + "  ".join("-" * w for w in widths) + "  " + "-" * 7)


def submit(client: AuthenticatedClient, sub_id: str) -> SubmissionView:
    sub = call(
        f"POST /api/v1/submissions/{sub_id}/submit",
        submit_submission.sync_detailed,
        SubmissionView,
        sub_id,
        client=client,
    )
    late = " (late)" if sub.late else ""
    print(f"submitted {sub.submission_type.value} {sub.id}: {sub.status.value}{late}")
    return sub


def run() -> int:
    url = os.environ.get("DXP_URL", "").rstrip("/")
    token = os.environ.get("DXP_TOKEN", "")
    if not url or not token:
        print("error: set DXP_URL (e.g. http://127.0.0.1:8080) and DXP_TOKEN (a teo-submitter token)", file=sys.stderr)
        return 2
    client = AuthenticatedClient(
        base_url=url, token=token, timeout=httpx.Timeout(60.0), raise_on_unexpected_status=True
    )
    with client:
        round_ = choose_round(client)

        print("\n== the return")
        sub = open_submission(client, round_, SubmissionType.RETURN)
        upload(client, sub, RETURN_FILES)
        sub = validate_and_wait(client, sub.id)
        print_problems(client, sub.id)
        if sub.status != SubmissionStatus.PROCESSED:
            print(
                f"\nthe return {sub.id} is {sub.status.value}: fix the errors above and validate again", file=sys.stderr
            )
            return 1

        if sub.efts_forecast_required:
            print("\n== the EFTS forecast (the return has provision that needs one: RD-010)")
            forecast = open_submission(client, round_, SubmissionType.EFTSFORECAST)
            upload(client, forecast, FORECAST_FILES)
            forecast = validate_and_wait(client, forecast.id)
            print_problems(client, forecast.id)
            if forecast.status != SubmissionStatus.PROCESSED:
                print(f"\nthe EFTS forecast {forecast.id} is {forecast.status.value}", file=sys.stderr)
                return 1
            submit(client, forecast.id)

        print("\n== lodging the return")
        submit(client, sub.id)
        final = call(
            f"GET /api/v1/submissions/{sub.id}", get_submission.sync_detailed, SubmissionView, sub.id, client=client
        )
        counts = final.record_counts
        print(
            f"\nreturn {final.id}, organisation {final.organisation}, round {final.round_}: {final.status.value}\n"
            f"  {counts.learners} learners, {counts.courses} courses, {counts.course_enrolments} enrolments, "
            f"{counts.course_completions} course completions, "
            f"{counts.qualification_completions} qualification completions; "
            f"{final.error_count} errors, {final.warning_count} warnings"
        )
        return 0 if final.status == SubmissionStatus.SUBMITTED else 1


def main() -> int:
    sys.stdout.reconfigure(line_buffering=True)  # show progress as it happens, also through a pipe
    try:
        return run()
    except ApiError as e:
        print(e.report(), file=sys.stderr)
        return 1
    except httpx.HTTPError as e:
        print(f"error: cannot talk to {os.environ.get('DXP_URL')}: {e!r}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
