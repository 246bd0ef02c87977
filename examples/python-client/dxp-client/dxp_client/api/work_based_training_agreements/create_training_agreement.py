from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.new_training_agreement import NewTrainingAgreement
from ...models.problem import Problem
from ...models.training_agreement import TrainingAgreement
from ...types import Response


def _get_kwargs(
    *,
    body: NewTrainingAgreement,
    eid: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["EID"] = eid

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/work-submission-api/v1.0/training-agreements",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | TrainingAgreement | None:
    if response.status_code == 201:
        response_201 = TrainingAgreement.from_dict(response.json())

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
) -> Response[Problem | TrainingAgreement]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: NewTrainingAgreement,
    eid: str,
) -> Response[Problem | TrainingAgreement]:
    """W6: a new training agreement between a learner, an employer and the TEO, `PENDING` until
    the learner's training starts.

    Args:
        eid (str):
        body (NewTrainingAgreement): The body of `POST /training-agreements`. Example:
            {'learnerLocalId': 'LRN-000123', 'trainingAgreement': {'employerName': 'Kauri Builders
            Limited', 'employerNzbn': '9429041535257', 'employmentRegionCode': 3,
            'trainingAgreementSignedDate': '2026-02-01'}, 'trainingAgreementLocalId': 'TA-000456'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TrainingAgreement]
    """

    kwargs = _get_kwargs(
        body=body,
        eid=eid,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: NewTrainingAgreement,
    eid: str,
) -> Problem | TrainingAgreement | None:
    """W6: a new training agreement between a learner, an employer and the TEO, `PENDING` until
    the learner's training starts.

    Args:
        eid (str):
        body (NewTrainingAgreement): The body of `POST /training-agreements`. Example:
            {'learnerLocalId': 'LRN-000123', 'trainingAgreement': {'employerName': 'Kauri Builders
            Limited', 'employerNzbn': '9429041535257', 'employmentRegionCode': 3,
            'trainingAgreementSignedDate': '2026-02-01'}, 'trainingAgreementLocalId': 'TA-000456'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TrainingAgreement
    """

    return sync_detailed(
        client=client,
        body=body,
        eid=eid,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: NewTrainingAgreement,
    eid: str,
) -> Response[Problem | TrainingAgreement]:
    """W6: a new training agreement between a learner, an employer and the TEO, `PENDING` until
    the learner's training starts.

    Args:
        eid (str):
        body (NewTrainingAgreement): The body of `POST /training-agreements`. Example:
            {'learnerLocalId': 'LRN-000123', 'trainingAgreement': {'employerName': 'Kauri Builders
            Limited', 'employerNzbn': '9429041535257', 'employmentRegionCode': 3,
            'trainingAgreementSignedDate': '2026-02-01'}, 'trainingAgreementLocalId': 'TA-000456'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TrainingAgreement]
    """

    kwargs = _get_kwargs(
        body=body,
        eid=eid,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: NewTrainingAgreement,
    eid: str,
) -> Problem | TrainingAgreement | None:
    """W6: a new training agreement between a learner, an employer and the TEO, `PENDING` until
    the learner's training starts.

    Args:
        eid (str):
        body (NewTrainingAgreement): The body of `POST /training-agreements`. Example:
            {'learnerLocalId': 'LRN-000123', 'trainingAgreement': {'employerName': 'Kauri Builders
            Limited', 'employerNzbn': '9429041535257', 'employmentRegionCode': 3,
            'trainingAgreementSignedDate': '2026-02-01'}, 'trainingAgreementLocalId': 'TA-000456'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TrainingAgreement
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            eid=eid,
        )
    ).parsed
