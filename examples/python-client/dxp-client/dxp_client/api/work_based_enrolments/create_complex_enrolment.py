from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.complex_enrolment import ComplexEnrolment
from ...models.new_complex_enrolment import NewComplexEnrolment
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: NewComplexEnrolment,
    eid: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["EID"] = eid

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/work-submission-api/v1.0/complex-enrolments",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ComplexEnrolment | Problem | None:
    if response.status_code == 201:
        response_201 = ComplexEnrolment.from_dict(response.json())

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
) -> Response[ComplexEnrolment | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: NewComplexEnrolment,
    eid: str,
) -> Response[ComplexEnrolment | Problem]:
    """W14: an over-arching enrolment with its sub-enrolments on one agreement.

    Args:
        eid (str):
        body (NewComplexEnrolment): A complex enrolment: an over-arching enrolment and its sub-
            enrolments, all under one training
            agreement (`POST /v1.0/complex-enrolments`, `CreateComplexEnrolmentRequest`). Example:
            {'overArchingEnrolment': {'enrolmentDate': '2026-02-01', 'enrolmentLocalId': 'ENR-2000',
            'fundingSourceTypeCode': '37', 'learnerLocalId': 'L-1001', 'modeOfDeliveryCode': 24,
            'participationStartDate': '2026-02-09', 'programmeLocalId': 'ELEC-NZA',
            'programmeVersionNumber': 1, 'studyTypeCode': 'NZA', 'trainingAgreementLocalId':
            'TA-1001', 'unitStandards': []}, 'subEnrolments': [{'enrolmentDate': '2026-02-01',
            'enrolmentLocalId': 'ENR-2001', 'fundingSourceTypeCode': '37', 'learnerLocalId': 'L-1001',
            'modeOfDeliveryCode': 24, 'participationStartDate': '2026-02-09', 'programmeLocalId':
            'ELEC-L3', 'programmeVersionNumber': 3, 'studyTypeCode': 'NZA',
            'trainingAgreementLocalId': 'TA-1001', 'unitStandards': []}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ComplexEnrolment | Problem]
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
    body: NewComplexEnrolment,
    eid: str,
) -> ComplexEnrolment | Problem | None:
    """W14: an over-arching enrolment with its sub-enrolments on one agreement.

    Args:
        eid (str):
        body (NewComplexEnrolment): A complex enrolment: an over-arching enrolment and its sub-
            enrolments, all under one training
            agreement (`POST /v1.0/complex-enrolments`, `CreateComplexEnrolmentRequest`). Example:
            {'overArchingEnrolment': {'enrolmentDate': '2026-02-01', 'enrolmentLocalId': 'ENR-2000',
            'fundingSourceTypeCode': '37', 'learnerLocalId': 'L-1001', 'modeOfDeliveryCode': 24,
            'participationStartDate': '2026-02-09', 'programmeLocalId': 'ELEC-NZA',
            'programmeVersionNumber': 1, 'studyTypeCode': 'NZA', 'trainingAgreementLocalId':
            'TA-1001', 'unitStandards': []}, 'subEnrolments': [{'enrolmentDate': '2026-02-01',
            'enrolmentLocalId': 'ENR-2001', 'fundingSourceTypeCode': '37', 'learnerLocalId': 'L-1001',
            'modeOfDeliveryCode': 24, 'participationStartDate': '2026-02-09', 'programmeLocalId':
            'ELEC-L3', 'programmeVersionNumber': 3, 'studyTypeCode': 'NZA',
            'trainingAgreementLocalId': 'TA-1001', 'unitStandards': []}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ComplexEnrolment | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        eid=eid,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: NewComplexEnrolment,
    eid: str,
) -> Response[ComplexEnrolment | Problem]:
    """W14: an over-arching enrolment with its sub-enrolments on one agreement.

    Args:
        eid (str):
        body (NewComplexEnrolment): A complex enrolment: an over-arching enrolment and its sub-
            enrolments, all under one training
            agreement (`POST /v1.0/complex-enrolments`, `CreateComplexEnrolmentRequest`). Example:
            {'overArchingEnrolment': {'enrolmentDate': '2026-02-01', 'enrolmentLocalId': 'ENR-2000',
            'fundingSourceTypeCode': '37', 'learnerLocalId': 'L-1001', 'modeOfDeliveryCode': 24,
            'participationStartDate': '2026-02-09', 'programmeLocalId': 'ELEC-NZA',
            'programmeVersionNumber': 1, 'studyTypeCode': 'NZA', 'trainingAgreementLocalId':
            'TA-1001', 'unitStandards': []}, 'subEnrolments': [{'enrolmentDate': '2026-02-01',
            'enrolmentLocalId': 'ENR-2001', 'fundingSourceTypeCode': '37', 'learnerLocalId': 'L-1001',
            'modeOfDeliveryCode': 24, 'participationStartDate': '2026-02-09', 'programmeLocalId':
            'ELEC-L3', 'programmeVersionNumber': 3, 'studyTypeCode': 'NZA',
            'trainingAgreementLocalId': 'TA-1001', 'unitStandards': []}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ComplexEnrolment | Problem]
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
    body: NewComplexEnrolment,
    eid: str,
) -> ComplexEnrolment | Problem | None:
    """W14: an over-arching enrolment with its sub-enrolments on one agreement.

    Args:
        eid (str):
        body (NewComplexEnrolment): A complex enrolment: an over-arching enrolment and its sub-
            enrolments, all under one training
            agreement (`POST /v1.0/complex-enrolments`, `CreateComplexEnrolmentRequest`). Example:
            {'overArchingEnrolment': {'enrolmentDate': '2026-02-01', 'enrolmentLocalId': 'ENR-2000',
            'fundingSourceTypeCode': '37', 'learnerLocalId': 'L-1001', 'modeOfDeliveryCode': 24,
            'participationStartDate': '2026-02-09', 'programmeLocalId': 'ELEC-NZA',
            'programmeVersionNumber': 1, 'studyTypeCode': 'NZA', 'trainingAgreementLocalId':
            'TA-1001', 'unitStandards': []}, 'subEnrolments': [{'enrolmentDate': '2026-02-01',
            'enrolmentLocalId': 'ENR-2001', 'fundingSourceTypeCode': '37', 'learnerLocalId': 'L-1001',
            'modeOfDeliveryCode': 24, 'participationStartDate': '2026-02-09', 'programmeLocalId':
            'ELEC-L3', 'programmeVersionNumber': 3, 'studyTypeCode': 'NZA',
            'trainingAgreementLocalId': 'TA-1001', 'unitStandards': []}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ComplexEnrolment | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            eid=eid,
        )
    ).parsed
