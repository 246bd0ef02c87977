from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.enrolment import Enrolment
from ...models.enrolment_update import EnrolmentUpdate
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    enrolment_local_id: str,
    *,
    body: EnrolmentUpdate,
    eid: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["EID"] = eid

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/work-submission-api/v1.0/enrolments/{enrolment_local_id}".format(
            enrolment_local_id=quote(str(enrolment_local_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Enrolment | Problem | None:
    if response.status_code == 200:
        response_200 = Enrolment.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Enrolment | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    enrolment_local_id: str,
    *,
    client: AuthenticatedClient,
    body: EnrolmentUpdate,
    eid: str,
) -> Response[Enrolment | Problem]:
    """W16: the enrolment date or the non-mandatory unit standards of an open enrolment; anything
    else needs a withdrawal and a new enrolment.

    Args:
        enrolment_local_id (str):
        eid (str):
        body (EnrolmentUpdate): The changes a TMS may make to an enrolment (`PUT
            /v1.0/enrolments/{enrolmentLocalId}`):
            its enrolment date and its non-mandatory unit standards. A field left out is unchanged;
            `unitStandards` replaces the whole list. Example: {'enrolmentDate': '2026-01-28',
            'unitStandards': [{'mandatory': True, 'unitStandardCode': '29677'}, {'mandatory': False,
            'unitStandardCode': '497'}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Enrolment | Problem]
    """

    kwargs = _get_kwargs(
        enrolment_local_id=enrolment_local_id,
        body=body,
        eid=eid,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    enrolment_local_id: str,
    *,
    client: AuthenticatedClient,
    body: EnrolmentUpdate,
    eid: str,
) -> Enrolment | Problem | None:
    """W16: the enrolment date or the non-mandatory unit standards of an open enrolment; anything
    else needs a withdrawal and a new enrolment.

    Args:
        enrolment_local_id (str):
        eid (str):
        body (EnrolmentUpdate): The changes a TMS may make to an enrolment (`PUT
            /v1.0/enrolments/{enrolmentLocalId}`):
            its enrolment date and its non-mandatory unit standards. A field left out is unchanged;
            `unitStandards` replaces the whole list. Example: {'enrolmentDate': '2026-01-28',
            'unitStandards': [{'mandatory': True, 'unitStandardCode': '29677'}, {'mandatory': False,
            'unitStandardCode': '497'}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Enrolment | Problem
    """

    return sync_detailed(
        enrolment_local_id=enrolment_local_id,
        client=client,
        body=body,
        eid=eid,
    ).parsed


async def asyncio_detailed(
    enrolment_local_id: str,
    *,
    client: AuthenticatedClient,
    body: EnrolmentUpdate,
    eid: str,
) -> Response[Enrolment | Problem]:
    """W16: the enrolment date or the non-mandatory unit standards of an open enrolment; anything
    else needs a withdrawal and a new enrolment.

    Args:
        enrolment_local_id (str):
        eid (str):
        body (EnrolmentUpdate): The changes a TMS may make to an enrolment (`PUT
            /v1.0/enrolments/{enrolmentLocalId}`):
            its enrolment date and its non-mandatory unit standards. A field left out is unchanged;
            `unitStandards` replaces the whole list. Example: {'enrolmentDate': '2026-01-28',
            'unitStandards': [{'mandatory': True, 'unitStandardCode': '29677'}, {'mandatory': False,
            'unitStandardCode': '497'}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Enrolment | Problem]
    """

    kwargs = _get_kwargs(
        enrolment_local_id=enrolment_local_id,
        body=body,
        eid=eid,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    enrolment_local_id: str,
    *,
    client: AuthenticatedClient,
    body: EnrolmentUpdate,
    eid: str,
) -> Enrolment | Problem | None:
    """W16: the enrolment date or the non-mandatory unit standards of an open enrolment; anything
    else needs a withdrawal and a new enrolment.

    Args:
        enrolment_local_id (str):
        eid (str):
        body (EnrolmentUpdate): The changes a TMS may make to an enrolment (`PUT
            /v1.0/enrolments/{enrolmentLocalId}`):
            its enrolment date and its non-mandatory unit standards. A field left out is unchanged;
            `unitStandards` replaces the whole list. Example: {'enrolmentDate': '2026-01-28',
            'unitStandards': [{'mandatory': True, 'unitStandardCode': '29677'}, {'mandatory': False,
            'unitStandardCode': '497'}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Enrolment | Problem
    """

    return (
        await asyncio_detailed(
            enrolment_local_id=enrolment_local_id,
            client=client,
            body=body,
            eid=eid,
        )
    ).parsed
