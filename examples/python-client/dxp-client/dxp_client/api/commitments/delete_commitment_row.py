from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.commitment_view import CommitmentView
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    id: str,
    row: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/api/v1/commitments/{id}/rows/{row}".format(
            id=quote(str(id), safe=""),
            row=quote(str(row), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CommitmentView | Problem | None:
    if response.status_code == 200:
        response_200 = CommitmentView.from_dict(response.json())

        return response_200

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

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

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
) -> Response[CommitmentView | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    row: int,
    *,
    client: AuthenticatedClient,
) -> Response[CommitmentView | Problem]:
    """Removes a row of the organisation's MoP.

    Args:
        id (str):
        row (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CommitmentView | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        row=row,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    row: int,
    *,
    client: AuthenticatedClient,
) -> CommitmentView | Problem | None:
    """Removes a row of the organisation's MoP.

    Args:
        id (str):
        row (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CommitmentView | Problem
    """

    return sync_detailed(
        id=id,
        row=row,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: str,
    row: int,
    *,
    client: AuthenticatedClient,
) -> Response[CommitmentView | Problem]:
    """Removes a row of the organisation's MoP.

    Args:
        id (str):
        row (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CommitmentView | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        row=row,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    row: int,
    *,
    client: AuthenticatedClient,
) -> CommitmentView | Problem | None:
    """Removes a row of the organisation's MoP.

    Args:
        id (str):
        row (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CommitmentView | Problem
    """

    return (
        await asyncio_detailed(
            id=id,
            row=row,
            client=client,
        )
    ).parsed
