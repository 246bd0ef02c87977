from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.fees_kept import FeesKept
from ...models.problem import Problem
from ...types import File, Response


def _get_kwargs(
    *,
    body: File,
    eid: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["EID"] = eid

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/work-submission-api/v1.0/learner-fees/files",
    }

    _kwargs["content"] = body.payload
    headers["Content-Type"] = "text/csv"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> FeesKept | Problem | None:
    if response.status_code == 200:
        response_200 = FeesKept.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[FeesKept | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: File,
    eid: str,
) -> Response[FeesKept | Problem]:
    """W23: a CSV file of learners' fees, with the header `Learner Local ID,Fee Year,Fee Amount`
    (the funder's template upload). Kept whole or not at all; refusals name their lines. A fee
    for a learner and year already kept is replaced.

    Args:
        eid (str):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FeesKept | Problem]
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
    body: File,
    eid: str,
) -> FeesKept | Problem | None:
    """W23: a CSV file of learners' fees, with the header `Learner Local ID,Fee Year,Fee Amount`
    (the funder's template upload). Kept whole or not at all; refusals name their lines. A fee
    for a learner and year already kept is replaced.

    Args:
        eid (str):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FeesKept | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        eid=eid,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: File,
    eid: str,
) -> Response[FeesKept | Problem]:
    """W23: a CSV file of learners' fees, with the header `Learner Local ID,Fee Year,Fee Amount`
    (the funder's template upload). Kept whole or not at all; refusals name their lines. A fee
    for a learner and year already kept is replaced.

    Args:
        eid (str):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FeesKept | Problem]
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
    body: File,
    eid: str,
) -> FeesKept | Problem | None:
    """W23: a CSV file of learners' fees, with the header `Learner Local ID,Fee Year,Fee Amount`
    (the funder's template upload). Kept whole or not at all; refusals name their lines. A fee
    for a learner and year already kept is replaced.

    Args:
        eid (str):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FeesKept | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            eid=eid,
        )
    ).parsed
