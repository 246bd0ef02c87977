from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.rule_catalogue import RuleCatalogue
from ...models.scope import Scope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    scope: Scope | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_scope: str | Unset = UNSET
    if not isinstance(scope, Unset):
        json_scope = scope.value

    params["scope"] = json_scope

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/validation/rules",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | RuleCatalogue | None:
    if response.status_code == 200:
        response_200 = RuleCatalogue.from_dict(response.json())

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

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | RuleCatalogue]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    scope: Scope | Unset = UNSET,
) -> Response[Problem | RuleCatalogue]:
    """Lists every rule the platform applies: the rules of each file's records and across files,
    the rules of reading a CSV or legacy file, the round rules of lodging (RD-) and the
    workforce questionnaire's (WF-), each with its code, scope, field, severity and what it
    requires. Problems and refusals name these codes.

    Args:
        scope (Scope | Unset): What a rule is about: the records of one file, or a process.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RuleCatalogue]
    """

    kwargs = _get_kwargs(
        scope=scope,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    scope: Scope | Unset = UNSET,
) -> Problem | RuleCatalogue | None:
    """Lists every rule the platform applies: the rules of each file's records and across files,
    the rules of reading a CSV or legacy file, the round rules of lodging (RD-) and the
    workforce questionnaire's (WF-), each with its code, scope, field, severity and what it
    requires. Problems and refusals name these codes.

    Args:
        scope (Scope | Unset): What a rule is about: the records of one file, or a process.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RuleCatalogue
    """

    return sync_detailed(
        client=client,
        scope=scope,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    scope: Scope | Unset = UNSET,
) -> Response[Problem | RuleCatalogue]:
    """Lists every rule the platform applies: the rules of each file's records and across files,
    the rules of reading a CSV or legacy file, the round rules of lodging (RD-) and the
    workforce questionnaire's (WF-), each with its code, scope, field, severity and what it
    requires. Problems and refusals name these codes.

    Args:
        scope (Scope | Unset): What a rule is about: the records of one file, or a process.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RuleCatalogue]
    """

    kwargs = _get_kwargs(
        scope=scope,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    scope: Scope | Unset = UNSET,
) -> Problem | RuleCatalogue | None:
    """Lists every rule the platform applies: the rules of each file's records and across files,
    the rules of reading a CSV or legacy file, the round rules of lodging (RD-) and the
    workforce questionnaire's (WF-), each with its code, scope, field, severity and what it
    requires. Problems and refusals name these codes.

    Args:
        scope (Scope | Unset): What a rule is about: the records of one file, or a process.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RuleCatalogue
    """

    return (
        await asyncio_detailed(
            client=client,
            scope=scope,
        )
    ).parsed
