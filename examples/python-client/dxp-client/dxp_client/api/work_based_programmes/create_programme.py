from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.new_programme import NewProgramme
from ...models.problem import Problem
from ...models.programme_version_record import ProgrammeVersionRecord
from ...types import Response


def _get_kwargs(
    *,
    body: NewProgramme,
    eid: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["EID"] = eid

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/work-submission-api/v1.0/programmes",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ProgrammeVersionRecord | None:
    if response.status_code == 201:
        response_201 = ProgrammeVersionRecord.from_dict(response.json())

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
) -> Response[Problem | ProgrammeVersionRecord]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: NewProgramme,
    eid: str,
) -> Response[Problem | ProgrammeVersionRecord]:
    """W4: a new programme, kept as its version 1.

    Args:
        eid (str):
        body (NewProgramme): The body of `POST /programmes`: the programme's id and its version 1.
            Example: {'creditValue': 240, 'industryCodes': ['3020'], 'modeOfDeliveryCode': 24,
            'nominalDurationMonths': 48, 'nzscedFieldOfStudy': '040301', 'occupationCode': '331212',
            'programmeLocalId': 'CARP-L4', 'programmeLocalName': 'New Zealand Certificate in Carpentry
            (Level 4) / Carpentry Apprenticeship', 'studyTypeCode': 'NZA', 'targetQualificationCode':
            '2663', 'targetQualificationVersion': 2, 'versionStartDate': '2026-01-01'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProgrammeVersionRecord]
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
    body: NewProgramme,
    eid: str,
) -> Problem | ProgrammeVersionRecord | None:
    """W4: a new programme, kept as its version 1.

    Args:
        eid (str):
        body (NewProgramme): The body of `POST /programmes`: the programme's id and its version 1.
            Example: {'creditValue': 240, 'industryCodes': ['3020'], 'modeOfDeliveryCode': 24,
            'nominalDurationMonths': 48, 'nzscedFieldOfStudy': '040301', 'occupationCode': '331212',
            'programmeLocalId': 'CARP-L4', 'programmeLocalName': 'New Zealand Certificate in Carpentry
            (Level 4) / Carpentry Apprenticeship', 'studyTypeCode': 'NZA', 'targetQualificationCode':
            '2663', 'targetQualificationVersion': 2, 'versionStartDate': '2026-01-01'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProgrammeVersionRecord
    """

    return sync_detailed(
        client=client,
        body=body,
        eid=eid,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: NewProgramme,
    eid: str,
) -> Response[Problem | ProgrammeVersionRecord]:
    """W4: a new programme, kept as its version 1.

    Args:
        eid (str):
        body (NewProgramme): The body of `POST /programmes`: the programme's id and its version 1.
            Example: {'creditValue': 240, 'industryCodes': ['3020'], 'modeOfDeliveryCode': 24,
            'nominalDurationMonths': 48, 'nzscedFieldOfStudy': '040301', 'occupationCode': '331212',
            'programmeLocalId': 'CARP-L4', 'programmeLocalName': 'New Zealand Certificate in Carpentry
            (Level 4) / Carpentry Apprenticeship', 'studyTypeCode': 'NZA', 'targetQualificationCode':
            '2663', 'targetQualificationVersion': 2, 'versionStartDate': '2026-01-01'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProgrammeVersionRecord]
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
    body: NewProgramme,
    eid: str,
) -> Problem | ProgrammeVersionRecord | None:
    """W4: a new programme, kept as its version 1.

    Args:
        eid (str):
        body (NewProgramme): The body of `POST /programmes`: the programme's id and its version 1.
            Example: {'creditValue': 240, 'industryCodes': ['3020'], 'modeOfDeliveryCode': 24,
            'nominalDurationMonths': 48, 'nzscedFieldOfStudy': '040301', 'occupationCode': '331212',
            'programmeLocalId': 'CARP-L4', 'programmeLocalName': 'New Zealand Certificate in Carpentry
            (Level 4) / Carpentry Apprenticeship', 'studyTypeCode': 'NZA', 'targetQualificationCode':
            '2663', 'targetQualificationVersion': 2, 'versionStartDate': '2026-01-01'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProgrammeVersionRecord
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            eid=eid,
        )
    ).parsed
