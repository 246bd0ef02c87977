from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.work_based_learner import WorkBasedLearner
from ...types import Response


def _get_kwargs(
    *,
    body: WorkBasedLearner,
    eid: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["EID"] = eid

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/work-submission-api/v1.0/learners",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | WorkBasedLearner | None:
    if response.status_code == 201:
        response_201 = WorkBasedLearner.from_dict(response.json())

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
) -> Response[Problem | WorkBasedLearner]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: WorkBasedLearner,
    eid: str,
) -> Response[Problem | WorkBasedLearner]:
    """W1: a new learner, with the identity (NSN, date of birth, Name ID code) no update changes.

    Args:
        eid (str):
        body (WorkBasedLearner): A work-based learner as a TMS sends it on create, and as the
            funder keeps and returns it.
            (`WorkBasedLearner` in the OpenAPI document, where `Learner` is the SDR learner record.)
            Example: {'demographics': {'countryOfCitizenship': 'NZL', 'disabilityStatus': 2,
            'disabilitySupportNeeds': [], 'ethnicityCodes': [111, 211], 'iwiCodes': [104]},
            'educationHistory': {'firstYearOfTertiaryStudy': 2023,
            'highestSecondarySchoolQualification': '24', 'lastYearAtSecondarySchool': 2021,
            'priorActivityCode': '05', 'secondarySchoolCode': 43}, 'identity': {'dateOfBirth':
            '2004-05-14', 'familyName': 'Smith', 'genderCode': 'F', 'givenNames': 'Jane Aroha',
            'nameIdCode': 'SMITJ', 'nationalStudentNumber': 123456789}, 'irdNumber': '049-091-850',
            'learnerLocalId': 'LRN-000123'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WorkBasedLearner]
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
    body: WorkBasedLearner,
    eid: str,
) -> Problem | WorkBasedLearner | None:
    """W1: a new learner, with the identity (NSN, date of birth, Name ID code) no update changes.

    Args:
        eid (str):
        body (WorkBasedLearner): A work-based learner as a TMS sends it on create, and as the
            funder keeps and returns it.
            (`WorkBasedLearner` in the OpenAPI document, where `Learner` is the SDR learner record.)
            Example: {'demographics': {'countryOfCitizenship': 'NZL', 'disabilityStatus': 2,
            'disabilitySupportNeeds': [], 'ethnicityCodes': [111, 211], 'iwiCodes': [104]},
            'educationHistory': {'firstYearOfTertiaryStudy': 2023,
            'highestSecondarySchoolQualification': '24', 'lastYearAtSecondarySchool': 2021,
            'priorActivityCode': '05', 'secondarySchoolCode': 43}, 'identity': {'dateOfBirth':
            '2004-05-14', 'familyName': 'Smith', 'genderCode': 'F', 'givenNames': 'Jane Aroha',
            'nameIdCode': 'SMITJ', 'nationalStudentNumber': 123456789}, 'irdNumber': '049-091-850',
            'learnerLocalId': 'LRN-000123'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WorkBasedLearner
    """

    return sync_detailed(
        client=client,
        body=body,
        eid=eid,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: WorkBasedLearner,
    eid: str,
) -> Response[Problem | WorkBasedLearner]:
    """W1: a new learner, with the identity (NSN, date of birth, Name ID code) no update changes.

    Args:
        eid (str):
        body (WorkBasedLearner): A work-based learner as a TMS sends it on create, and as the
            funder keeps and returns it.
            (`WorkBasedLearner` in the OpenAPI document, where `Learner` is the SDR learner record.)
            Example: {'demographics': {'countryOfCitizenship': 'NZL', 'disabilityStatus': 2,
            'disabilitySupportNeeds': [], 'ethnicityCodes': [111, 211], 'iwiCodes': [104]},
            'educationHistory': {'firstYearOfTertiaryStudy': 2023,
            'highestSecondarySchoolQualification': '24', 'lastYearAtSecondarySchool': 2021,
            'priorActivityCode': '05', 'secondarySchoolCode': 43}, 'identity': {'dateOfBirth':
            '2004-05-14', 'familyName': 'Smith', 'genderCode': 'F', 'givenNames': 'Jane Aroha',
            'nameIdCode': 'SMITJ', 'nationalStudentNumber': 123456789}, 'irdNumber': '049-091-850',
            'learnerLocalId': 'LRN-000123'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WorkBasedLearner]
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
    body: WorkBasedLearner,
    eid: str,
) -> Problem | WorkBasedLearner | None:
    """W1: a new learner, with the identity (NSN, date of birth, Name ID code) no update changes.

    Args:
        eid (str):
        body (WorkBasedLearner): A work-based learner as a TMS sends it on create, and as the
            funder keeps and returns it.
            (`WorkBasedLearner` in the OpenAPI document, where `Learner` is the SDR learner record.)
            Example: {'demographics': {'countryOfCitizenship': 'NZL', 'disabilityStatus': 2,
            'disabilitySupportNeeds': [], 'ethnicityCodes': [111, 211], 'iwiCodes': [104]},
            'educationHistory': {'firstYearOfTertiaryStudy': 2023,
            'highestSecondarySchoolQualification': '24', 'lastYearAtSecondarySchool': 2021,
            'priorActivityCode': '05', 'secondarySchoolCode': 43}, 'identity': {'dateOfBirth':
            '2004-05-14', 'familyName': 'Smith', 'genderCode': 'F', 'givenNames': 'Jane Aroha',
            'nameIdCode': 'SMITJ', 'nationalStudentNumber': 123456789}, 'irdNumber': '049-091-850',
            'learnerLocalId': 'LRN-000123'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WorkBasedLearner
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            eid=eid,
        )
    ).parsed
