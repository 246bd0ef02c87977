#!/usr/bin/env python3
"""Plays a training management system (TMS) against DXP's work-based API with the generated client.

Environment:
  DXP_URL           the server, e.g. http://127.0.0.1:8080
  DXP_TOKEN         a `teo-submitter` token for the organisation
  DXP_ORGANISATION  the organisation's EDUMIS number, sent as the EID header

The flow: a learner, a programme, a training agreement and its enrolment (the agreement becomes
ACTIVE once the training has started), a hold, a training plan and a visit while on hold, a
restart, a withdrawal; then the change feed since the start, which must show each of those
changes. Dates are counted back from today, so the date rules hold whenever it runs. Exits 0
only if every step is answered as the contract says.
"""

from __future__ import annotations

import datetime
import json
import os
import pathlib
import sys
import uuid
from typing import Any, TypeVar

import httpx
from dxp_client import AuthenticatedClient
from dxp_client.api.work_based_change_feed import list_changes
from dxp_client.api.work_based_enrolments import create_enrolment, get_enrolment
from dxp_client.api.work_based_learners import create_learner
from dxp_client.api.work_based_programmes import create_programme
from dxp_client.api.work_based_training_agreements import (
    create_training_agreement,
    hold_training_agreement,
    restart_training_agreement,
    withdraw_training_agreement,
)
from dxp_client.api.work_based_training_plans import create_training_plan, create_training_plan_visit
from dxp_client.models import (
    ChangePage,
    Enrolment,
    Hold,
    NewEnrolment,
    NewProgramme,
    NewTrainingAgreement,
    NewTrainingPlan,
    Problem,
    ProgrammeVersionRecord,
    Restart,
    TrainingAgreement,
    TrainingPlanWithVisits,
    Visit,
    Withdrawal,
    WorkBasedLearner,
)
from dxp_client.types import Response

T = TypeVar("T")


class ApiError(Exception):
    def __init__(self, action: str, status: int, problem: Problem | None, body: bytes) -> None:
        super().__init__(action)
        self.action, self.status, self.problem, self.body = action, status, problem, body

    def report(self) -> str:
        if self.problem is None:
            return f"error: {self.action} answered {self.status}: {self.body[:500]!r}"
        errors = json.dumps(self.problem.additional_properties.get("errors"), indent=2)
        return f"error: {self.action} answered {self.status}: {self.problem.detail}\n{errors}"


def expect(action: str, response: Response[Any], wanted: type[T]) -> T:
    """The parsed answer when it is a `wanted`; else an ApiError with the problem."""
    if isinstance(response.parsed, wanted):
        return response.parsed
    problem = response.parsed if isinstance(response.parsed, Problem) else None
    raise ApiError(action, int(response.status_code), problem, response.content)


# The apprentice every work-based example starts from: one POST body per resource.
APPRENTICE = json.loads(
    (pathlib.Path(__file__).resolve().parent.parent / "data/json/work-based/apprentice.json").read_text("utf-8")
)


def day(days_ago: int) -> str:
    # The server's "today" is New Zealand's, which is never behind UTC's.
    return (datetime.datetime.now(datetime.UTC).date() - datetime.timedelta(days=days_ago)).isoformat()


def run() -> int:
    client = AuthenticatedClient(base_url=os.environ["DXP_URL"], token=os.environ["DXP_TOKEN"])
    eid = os.environ["DXP_ORGANISATION"]
    # Ids of this run's own, so it can run again against the same server.
    tag = uuid.uuid4().hex[:6].upper()
    learner_id, programme_id, agreement_id = f"L-{tag}", f"P-{tag}", f"TA-{tag}"
    enrolment_id, plan_id = f"E-{tag}", f"TP-{tag}"

    start = expect("GET /changes", list_changes.sync_detailed(client=client, eid=eid, limit=1000), ChangePage)
    cursor = start.next_cursor if isinstance(start.next_cursor, int) else 0
    while start.has_more:
        start = expect("GET /changes", list_changes.sync_detailed(client=client, eid=eid, after=cursor), ChangePage)
        cursor = start.next_cursor if isinstance(start.next_cursor, int) else cursor

    learner = WorkBasedLearner.from_dict(
        APPRENTICE["learner"]
        | {
            "learnerLocalId": learner_id,
            "identity": APPRENTICE["learner"]["identity"]
            | {"nationalStudentNumber": int.from_bytes(uuid.uuid4().bytes[:3], "big") + 300_000_000},
        }
    )
    expect("POST /learners", create_learner.sync_detailed(client=client, eid=eid, body=learner), WorkBasedLearner)
    print(f"learner {learner_id} created")

    programme = NewProgramme.from_dict(
        APPRENTICE["programme"]
        | {
            "programmeLocalId": programme_id,
            "programmeLocalName": f"New Zealand Certificate in Carpentry (Level 4) / {tag}",
            "versionStartDate": day(365),
        }
    )
    expect(
        "POST /programmes",
        create_programme.sync_detailed(client=client, eid=eid, body=programme),
        ProgrammeVersionRecord,
    )
    print(f"programme {programme_id} version 1 created")

    agreement = NewTrainingAgreement.from_dict(
        APPRENTICE["trainingAgreement"]
        | {
            "learnerLocalId": learner_id,
            "trainingAgreementLocalId": agreement_id,
            "trainingAgreement": APPRENTICE["trainingAgreement"]["trainingAgreement"]
            | {"trainingAgreementSignedDate": day(30)},
        }
    )
    made = expect(
        "POST /training-agreements",
        create_training_agreement.sync_detailed(client=client, eid=eid, body=agreement),
        TrainingAgreement,
    )
    print(f"agreement {agreement_id}: {made.status.value}")

    enrolment = NewEnrolment.from_dict(
        APPRENTICE["enrolment"]
        | {
            "enrolmentLocalId": enrolment_id,
            "learnerLocalId": learner_id,
            "trainingAgreementLocalId": agreement_id,
            "programmeLocalId": programme_id,
            "enrolmentDate": day(30),
            "participationStartDate": day(23),
        }
    )
    expect("POST /enrolments", create_enrolment.sync_detailed(client=client, eid=eid, body=enrolment), Enrolment)
    print(f"enrolment {enrolment_id} created")

    held = expect(
        f"POST /training-agreements/{agreement_id}/hold",
        hold_training_agreement.sync_detailed(
            agreement_id,
            client=client,
            eid=eid,
            body=Hold.from_dict({"pauseDate": day(5), "onHoldReasonCode": "SW"}),
        ),
        TrainingAgreement,
    )
    print(f"agreement {agreement_id}: {held.status.value}")

    plan = NewTrainingPlan.from_dict(
        {"trainingPlanLocalId": plan_id, "trainingAgreementLocalId": agreement_id, "trainingPlanSignedDate": day(28)}
    )
    expect(
        "POST /training-plans",
        create_training_plan.sync_detailed(client=client, eid=eid, body=plan),
        TrainingPlanWithVisits,
    )
    visited = expect(
        f"POST /training-plans/{plan_id}/visits",
        create_training_plan_visit.sync_detailed(
            plan_id, client=client, eid=eid, body=Visit.from_dict({"visitLocalId": "V-1", "visitDate": day(3)})
        ),
        TrainingPlanWithVisits,
    )
    print(f"training plan {plan_id}: {len(visited.visits)} visit")

    for name, operation, body in [
        ("restart", restart_training_agreement, Restart.from_dict({"restartDate": day(1)})),
        (
            "withdraw",
            withdraw_training_agreement,
            Withdrawal.from_dict({"withdrawalDate": day(0), "withdrawalReasonCode": "CC"}),
        ),
    ]:
        changed = expect(
            f"POST /training-agreements/{agreement_id}/{name}",
            operation.sync_detailed(agreement_id, client=client, eid=eid, body=body),
            TrainingAgreement,
        )
        print(f"agreement {agreement_id}: {changed.status.value}")
    final = expect(
        f"GET /enrolments/{enrolment_id}", get_enrolment.sync_detailed(enrolment_id, client=client, eid=eid), Enrolment
    )
    print(f"enrolment {enrolment_id}: {final.enrolment_status.value}")

    feed = expect(
        "GET /changes", list_changes.sync_detailed(client=client, eid=eid, after=cursor, limit=1000), ChangePage
    )
    seen = [
        (
            change.resource_type,
            change.local_id,
            change.change,
            change.to_status if isinstance(change.to_status, str) else None,
        )
        for change in feed.results
    ]
    for change in seen:
        print("  change:", *[part for part in change if part])
    wanted = [
        ("learner", learner_id, "created", None),
        ("programme-version", programme_id, "created", None),
        ("training-agreement", agreement_id, "created", "PENDING"),
        ("enrolment", enrolment_id, "created", "PENDING"),
        ("training-agreement", agreement_id, "status-changed", "ACTIVE"),
        ("training-agreement", agreement_id, "status-changed", "HOLD"),
        ("training-plan", plan_id, "created", None),
        ("training-agreement", agreement_id, "status-changed", "FINISHED"),
        ("enrolment", enrolment_id, "status-changed", "WITHDRAWN"),
    ]
    missing = [change for change in wanted if change not in seen]
    if missing or final.enrolment_status.value != "WITHDRAWN":
        print(f"error: the change feed lacks {missing}", file=sys.stderr)
        return 1
    print(f"the change feed shows all {len(seen)} changes")
    return 0


def main() -> int:
    sys.stdout.reconfigure(line_buffering=True)
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
