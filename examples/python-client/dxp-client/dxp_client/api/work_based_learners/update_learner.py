from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.learner_update import LearnerUpdate
from ...models.problem import Problem
from ...models.work_based_learner import WorkBasedLearner
from ...types import Response


def _get_kwargs(
    learner_local_id: str,
    *,
    body: LearnerUpdate,
    eid: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["EID"] = eid

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/work-submission-api/v1.0/learners/{learner_local_id}".format(
            learner_local_id=quote(str(learner_local_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | WorkBasedLearner | None:
    if response.status_code == 200:
        response_200 = WorkBasedLearner.from_dict(response.json())

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
) -> Response[Problem | WorkBasedLearner]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    learner_local_id: str,
    *,
    client: AuthenticatedClient,
    body: LearnerUpdate,
    eid: str,
) -> Response[Problem | WorkBasedLearner]:
    """W2: a learner's IRD number, demographics and education history, replaced whole.

    Args:
        learner_local_id (str):
        eid (str):
        body (LearnerUpdate): The body of `PUT /learners/{learnerLocalId}`: everything but the
            identity, which an update
            cannot change. The parts sent replace the stored ones whole; an absent `irdNumber` clears
            it. Example: {'demographics': {'countryOfCitizenship': 'NZL', 'disabilityStatus': 2,
            'disabilitySupportNeeds': [], 'ethnicityCodes': [111, 211], 'iwiCodes': [104]},
            'educationHistory': {'lastYearAtSecondarySchool': 2021, 'priorActivityCode': '05'},
            'irdNumber': '049-091-850'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WorkBasedLearner]
    """

    kwargs = _get_kwargs(
        learner_local_id=learner_local_id,
        body=body,
        eid=eid,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    learner_local_id: str,
    *,
    client: AuthenticatedClient,
    body: LearnerUpdate,
    eid: str,
) -> Problem | WorkBasedLearner | None:
    """W2: a learner's IRD number, demographics and education history, replaced whole.

    Args:
        learner_local_id (str):
        eid (str):
        body (LearnerUpdate): The body of `PUT /learners/{learnerLocalId}`: everything but the
            identity, which an update
            cannot change. The parts sent replace the stored ones whole; an absent `irdNumber` clears
            it. Example: {'demographics': {'countryOfCitizenship': 'NZL', 'disabilityStatus': 2,
            'disabilitySupportNeeds': [], 'ethnicityCodes': [111, 211], 'iwiCodes': [104]},
            'educationHistory': {'lastYearAtSecondarySchool': 2021, 'priorActivityCode': '05'},
            'irdNumber': '049-091-850'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WorkBasedLearner
    """

    return sync_detailed(
        learner_local_id=learner_local_id,
        client=client,
        body=body,
        eid=eid,
    ).parsed


async def asyncio_detailed(
    learner_local_id: str,
    *,
    client: AuthenticatedClient,
    body: LearnerUpdate,
    eid: str,
) -> Response[Problem | WorkBasedLearner]:
    """W2: a learner's IRD number, demographics and education history, replaced whole.

    Args:
        learner_local_id (str):
        eid (str):
        body (LearnerUpdate): The body of `PUT /learners/{learnerLocalId}`: everything but the
            identity, which an update
            cannot change. The parts sent replace the stored ones whole; an absent `irdNumber` clears
            it. Example: {'demographics': {'countryOfCitizenship': 'NZL', 'disabilityStatus': 2,
            'disabilitySupportNeeds': [], 'ethnicityCodes': [111, 211], 'iwiCodes': [104]},
            'educationHistory': {'lastYearAtSecondarySchool': 2021, 'priorActivityCode': '05'},
            'irdNumber': '049-091-850'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WorkBasedLearner]
    """

    kwargs = _get_kwargs(
        learner_local_id=learner_local_id,
        body=body,
        eid=eid,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    learner_local_id: str,
    *,
    client: AuthenticatedClient,
    body: LearnerUpdate,
    eid: str,
) -> Problem | WorkBasedLearner | None:
    """W2: a learner's IRD number, demographics and education history, replaced whole.

    Args:
        learner_local_id (str):
        eid (str):
        body (LearnerUpdate): The body of `PUT /learners/{learnerLocalId}`: everything but the
            identity, which an update
            cannot change. The parts sent replace the stored ones whole; an absent `irdNumber` clears
            it. Example: {'demographics': {'countryOfCitizenship': 'NZL', 'disabilityStatus': 2,
            'disabilitySupportNeeds': [], 'ethnicityCodes': [111, 211], 'iwiCodes': [104]},
            'educationHistory': {'lastYearAtSecondarySchool': 2021, 'priorActivityCode': '05'},
            'irdNumber': '049-091-850'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WorkBasedLearner
    """

    return (
        await asyncio_detailed(
            learner_local_id=learner_local_id,
            client=client,
            body=body,
            eid=eid,
        )
    ).parsed
