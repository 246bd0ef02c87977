from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.access_input import AccessInput
from ...models.person_view import PersonView
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    subject: str,
    *,
    body: AccessInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/people/{subject}/access".format(
            subject=quote(str(subject), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PersonView | Problem | None:
    if response.status_code == 200:
        response_200 = PersonView.from_dict(response.json())

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
) -> Response[PersonView | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    subject: str,
    *,
    client: AuthenticatedClient,
    body: AccessInput,
) -> Response[PersonView | Problem]:
    """Replaces a user's portal roles and whether they are disabled. Only the organisation's user
    settings admin or the funder may; nobody disables themselves, and an organisation keeps at
    least one user settings admin who is not disabled.

    Args:
        subject (str):
        body (AccessInput): A person's access in the portal, replaced whole. Example: {'disabled':
            False, 'portalRoles': ['general-access', 'commercial-documents']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PersonView | Problem]
    """

    kwargs = _get_kwargs(
        subject=subject,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    subject: str,
    *,
    client: AuthenticatedClient,
    body: AccessInput,
) -> PersonView | Problem | None:
    """Replaces a user's portal roles and whether they are disabled. Only the organisation's user
    settings admin or the funder may; nobody disables themselves, and an organisation keeps at
    least one user settings admin who is not disabled.

    Args:
        subject (str):
        body (AccessInput): A person's access in the portal, replaced whole. Example: {'disabled':
            False, 'portalRoles': ['general-access', 'commercial-documents']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PersonView | Problem
    """

    return sync_detailed(
        subject=subject,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    subject: str,
    *,
    client: AuthenticatedClient,
    body: AccessInput,
) -> Response[PersonView | Problem]:
    """Replaces a user's portal roles and whether they are disabled. Only the organisation's user
    settings admin or the funder may; nobody disables themselves, and an organisation keeps at
    least one user settings admin who is not disabled.

    Args:
        subject (str):
        body (AccessInput): A person's access in the portal, replaced whole. Example: {'disabled':
            False, 'portalRoles': ['general-access', 'commercial-documents']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PersonView | Problem]
    """

    kwargs = _get_kwargs(
        subject=subject,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    subject: str,
    *,
    client: AuthenticatedClient,
    body: AccessInput,
) -> PersonView | Problem | None:
    """Replaces a user's portal roles and whether they are disabled. Only the organisation's user
    settings admin or the funder may; nobody disables themselves, and an organisation keeps at
    least one user settings admin who is not disabled.

    Args:
        subject (str):
        body (AccessInput): A person's access in the portal, replaced whole. Example: {'disabled':
            False, 'portalRoles': ['general-access', 'commercial-documents']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PersonView | Problem
    """

    return (
        await asyncio_detailed(
            subject=subject,
            client=client,
            body=body,
        )
    ).parsed
