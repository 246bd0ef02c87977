from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.training_plan_update import TrainingPlanUpdate
from ...models.training_plan_with_visits import TrainingPlanWithVisits
from ...types import Response


def _get_kwargs(
    training_plan_local_id: str,
    *,
    body: TrainingPlanUpdate,
    eid: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["EID"] = eid

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/work-submission-api/v1.0/training-plans/{training_plan_local_id}".format(
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
    if response.status_code == 200:
        response_200 = TrainingPlanWithVisits.from_dict(response.json())

        return response_200

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
    body: TrainingPlanUpdate,
    eid: str,
) -> Response[Problem | TrainingPlanWithVisits]:
    """W19: a plan's signed date (and end date) corrected.

    Args:
        training_plan_local_id (str):
        eid (str):
        body (TrainingPlanUpdate): The dates of a training plan, as an update replaces them
            (`PUT /v1.0/training-plans/{trainingPlanLocalId}`); a missing end date clears it. Example:
            {'trainingPlanEndDate': '2029-02-17', 'trainingPlanSignedDate': '2026-02-18'}.

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
    body: TrainingPlanUpdate,
    eid: str,
) -> Problem | TrainingPlanWithVisits | None:
    """W19: a plan's signed date (and end date) corrected.

    Args:
        training_plan_local_id (str):
        eid (str):
        body (TrainingPlanUpdate): The dates of a training plan, as an update replaces them
            (`PUT /v1.0/training-plans/{trainingPlanLocalId}`); a missing end date clears it. Example:
            {'trainingPlanEndDate': '2029-02-17', 'trainingPlanSignedDate': '2026-02-18'}.

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
    body: TrainingPlanUpdate,
    eid: str,
) -> Response[Problem | TrainingPlanWithVisits]:
    """W19: a plan's signed date (and end date) corrected.

    Args:
        training_plan_local_id (str):
        eid (str):
        body (TrainingPlanUpdate): The dates of a training plan, as an update replaces them
            (`PUT /v1.0/training-plans/{trainingPlanLocalId}`); a missing end date clears it. Example:
            {'trainingPlanEndDate': '2029-02-17', 'trainingPlanSignedDate': '2026-02-18'}.

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
    body: TrainingPlanUpdate,
    eid: str,
) -> Problem | TrainingPlanWithVisits | None:
    """W19: a plan's signed date (and end date) corrected.

    Args:
        training_plan_local_id (str):
        eid (str):
        body (TrainingPlanUpdate): The dates of a training plan, as an update replaces them
            (`PUT /v1.0/training-plans/{trainingPlanLocalId}`); a missing end date clears it. Example:
            {'trainingPlanEndDate': '2029-02-17', 'trainingPlanSignedDate': '2026-02-18'}.

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
