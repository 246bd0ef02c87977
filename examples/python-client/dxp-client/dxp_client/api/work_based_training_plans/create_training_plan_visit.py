from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.training_plan_with_visits import TrainingPlanWithVisits
from ...models.visit import Visit
from ...types import Response


def _get_kwargs(
    training_plan_local_id: str,
    *,
    body: Visit,
    eid: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["EID"] = eid

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/work-submission-api/v1.0/training-plans/{training_plan_local_id}/visits".format(
            training_plan_local_id=quote(str(training_plan_local_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | TrainingPlanWithVisits | None:
    if response.status_code == 201:
        response_201 = TrainingPlanWithVisits.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if response.status_code == 507:
        response_507 = Problem.from_dict(response.json())

        return response_507

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | TrainingPlanWithVisits]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    training_plan_local_id: str,
    *,
    client: AuthenticatedClient,
    body: Visit,
    eid: str,
) -> Response[Problem | TrainingPlanWithVisits]:
    """A visit to the apprentice under the plan: not before the plan was signed, not after today
    or the plan's end, one per learner per day.

    Args:
        training_plan_local_id (str):
        eid (str):
        body (Visit): A visit to the learner's workplace under a training plan (shape [I]).
            Example: {'visitDate': '2026-04-14', 'visitLocalId': 'V-1', 'visitNotes': 'Reviewed
            logbook; on track for unit 29677.'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TrainingPlanWithVisits]
    """

    kwargs = _get_kwargs(
        training_plan_local_id=training_plan_local_id,
        body=body,
        eid=eid,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    training_plan_local_id: str,
    *,
    client: AuthenticatedClient,
    body: Visit,
    eid: str,
) -> Problem | TrainingPlanWithVisits | None:
    """A visit to the apprentice under the plan: not before the plan was signed, not after today
    or the plan's end, one per learner per day.

    Args:
        training_plan_local_id (str):
        eid (str):
        body (Visit): A visit to the learner's workplace under a training plan (shape [I]).
            Example: {'visitDate': '2026-04-14', 'visitLocalId': 'V-1', 'visitNotes': 'Reviewed
            logbook; on track for unit 29677.'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TrainingPlanWithVisits
    """

    return sync_detailed(
        training_plan_local_id=training_plan_local_id,
        client=client,
        body=body,
        eid=eid,
    ).parsed


async def asyncio_detailed(
    training_plan_local_id: str,
    *,
    client: AuthenticatedClient,
    body: Visit,
    eid: str,
) -> Response[Problem | TrainingPlanWithVisits]:
    """A visit to the apprentice under the plan: not before the plan was signed, not after today
    or the plan's end, one per learner per day.

    Args:
        training_plan_local_id (str):
        eid (str):
        body (Visit): A visit to the learner's workplace under a training plan (shape [I]).
            Example: {'visitDate': '2026-04-14', 'visitLocalId': 'V-1', 'visitNotes': 'Reviewed
            logbook; on track for unit 29677.'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TrainingPlanWithVisits]
    """

    kwargs = _get_kwargs(
        training_plan_local_id=training_plan_local_id,
        body=body,
        eid=eid,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    training_plan_local_id: str,
    *,
    client: AuthenticatedClient,
    body: Visit,
    eid: str,
) -> Problem | TrainingPlanWithVisits | None:
    """A visit to the apprentice under the plan: not before the plan was signed, not after today
    or the plan's end, one per learner per day.

    Args:
        training_plan_local_id (str):
        eid (str):
        body (Visit): A visit to the learner's workplace under a training plan (shape [I]).
            Example: {'visitDate': '2026-04-14', 'visitLocalId': 'V-1', 'visitNotes': 'Reviewed
            logbook; on track for unit 29677.'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TrainingPlanWithVisits
    """

    return (
        await asyncio_detailed(
            training_plan_local_id=training_plan_local_id,
            client=client,
            body=body,
            eid=eid,
        )
    ).parsed
