from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.access_token import AccessToken
from ...models.o_auth_error import OAuthError
from ...models.problem import Problem
from ...models.token_form import TokenForm
from ...types import Response


def _get_kwargs(
    *,
    body: TokenForm,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/oauth2/access_token",
    }

    _kwargs["data"] = body.to_dict()
    headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AccessToken | OAuthError | Problem | None:
    if response.status_code == 200:
        response_200 = AccessToken.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = OAuthError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = OAuthError.from_dict(response.json())

        return response_401

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
) -> Response[AccessToken | OAuthError | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: TokenForm,
) -> Response[AccessToken | OAuthError | Problem]:
    """A machine account's token (OAuth 2.0 client credentials). The client id and secret come in
    HTTP Basic; the token carries the account's organisation and the APIs it may call, and
    lives 20 minutes. A node that verifies only an identity provider's tokens (no
    `DXP_JWT_SECRET`) issues none and answers 503.

    Args:
        body (TokenForm): The form of a token request.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessToken | OAuthError | Problem]
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
    body: TokenForm,
) -> AccessToken | OAuthError | Problem | None:
    """A machine account's token (OAuth 2.0 client credentials). The client id and secret come in
    HTTP Basic; the token carries the account's organisation and the APIs it may call, and
    lives 20 minutes. A node that verifies only an identity provider's tokens (no
    `DXP_JWT_SECRET`) issues none and answers 503.

    Args:
        body (TokenForm): The form of a token request.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessToken | OAuthError | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: TokenForm,
) -> Response[AccessToken | OAuthError | Problem]:
    """A machine account's token (OAuth 2.0 client credentials). The client id and secret come in
    HTTP Basic; the token carries the account's organisation and the APIs it may call, and
    lives 20 minutes. A node that verifies only an identity provider's tokens (no
    `DXP_JWT_SECRET`) issues none and answers 503.

    Args:
        body (TokenForm): The form of a token request.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessToken | OAuthError | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: TokenForm,
) -> AccessToken | OAuthError | Problem | None:
    """A machine account's token (OAuth 2.0 client credentials). The client id and secret come in
    HTTP Basic; the token carries the account's organisation and the APIs it may call, and
    lives 20 minutes. A node that verifies only an identity provider's tokens (no
    `DXP_JWT_SECRET`) issues none and answers 503.

    Args:
        body (TokenForm): The form of a token request.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessToken | OAuthError | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
