from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.commitment_view import CommitmentView
from ...models.problem import Problem
from ...models.provision_input import ProvisionInput
from ...types import Response


def _get_kwargs(
    *,
    body: ProvisionInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/commitments",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CommitmentView | Problem | None:
    if response.status_code == 201:
        response_201 = CommitmentView.from_dict(response.json())

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
    *,
    client: AuthenticatedClient,
    body: ProvisionInput,
) -> Response[CommitmentView | Problem]:
    """The funder provisions a commitment for an organisation, fund and plan year, due by a date;
    the organisation's people are told. An EPIC comes with its pre-populated rows.

    Args:
        body (ProvisionInput): A commitment to provision, as the funder gives it. Example:
            {'allocation': '150000.00', 'dueOn': '2026-07-03', 'organisation': 6004, 'planYear': 2027,
            'template': 'ace-in-schools'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CommitmentView | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: ProvisionInput,
) -> CommitmentView | Problem | None:
    """The funder provisions a commitment for an organisation, fund and plan year, due by a date;
    the organisation's people are told. An EPIC comes with its pre-populated rows.

    Args:
        body (ProvisionInput): A commitment to provision, as the funder gives it. Example:
            {'allocation': '150000.00', 'dueOn': '2026-07-03', 'organisation': 6004, 'planYear': 2027,
            'template': 'ace-in-schools'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CommitmentView | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ProvisionInput,
) -> Response[CommitmentView | Problem]:
    """The funder provisions a commitment for an organisation, fund and plan year, due by a date;
    the organisation's people are told. An EPIC comes with its pre-populated rows.

    Args:
        body (ProvisionInput): A commitment to provision, as the funder gives it. Example:
            {'allocation': '150000.00', 'dueOn': '2026-07-03', 'organisation': 6004, 'planYear': 2027,
            'template': 'ace-in-schools'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CommitmentView | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ProvisionInput,
) -> CommitmentView | Problem | None:
    """The funder provisions a commitment for an organisation, fund and plan year, due by a date;
    the organisation's people are told. An EPIC comes with its pre-populated rows.

    Args:
        body (ProvisionInput): A commitment to provision, as the funder gives it. Example:
            {'allocation': '150000.00', 'dueOn': '2026-07-03', 'organisation': 6004, 'planYear': 2027,
            'template': 'ace-in-schools'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CommitmentView | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
