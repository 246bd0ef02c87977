from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.decision_input import DecisionInput
from ...models.problem import Problem
from ...models.version_view import VersionView
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    version: int,
    *,
    body: DecisionInput | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/commitments/{id}/versions/{version}/accept".format(
            id=quote(str(id), safe=""),
            version=quote(str(version), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | VersionView | None:
    if response.status_code == 200:
        response_200 = VersionView.from_dict(response.json())

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | VersionView]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    version: int,
    *,
    client: AuthenticatedClient,
    body: DecisionInput | Unset = UNSET,
) -> Response[Problem | VersionView]:
    """The funder accepts the version under review (a comment is optional); the organisation is
    told. The commitment is then final.

    Args:
        id (str):
        version (int):
        body (DecisionInput | Unset): The funder's comment on a decision. Example: {'comment':
            'Year 2 graduates look low against your Plan: check them'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | VersionView]
    """

    kwargs = _get_kwargs(
        id=id,
        version=version,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    version: int,
    *,
    client: AuthenticatedClient,
    body: DecisionInput | Unset = UNSET,
) -> Problem | VersionView | None:
    """The funder accepts the version under review (a comment is optional); the organisation is
    told. The commitment is then final.

    Args:
        id (str):
        version (int):
        body (DecisionInput | Unset): The funder's comment on a decision. Example: {'comment':
            'Year 2 graduates look low against your Plan: check them'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | VersionView
    """

    return sync_detailed(
        id=id,
        version=version,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: str,
    version: int,
    *,
    client: AuthenticatedClient,
    body: DecisionInput | Unset = UNSET,
) -> Response[Problem | VersionView]:
    """The funder accepts the version under review (a comment is optional); the organisation is
    told. The commitment is then final.

    Args:
        id (str):
        version (int):
        body (DecisionInput | Unset): The funder's comment on a decision. Example: {'comment':
            'Year 2 graduates look low against your Plan: check them'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | VersionView]
    """

    kwargs = _get_kwargs(
        id=id,
        version=version,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    version: int,
    *,
    client: AuthenticatedClient,
    body: DecisionInput | Unset = UNSET,
) -> Problem | VersionView | None:
    """The funder accepts the version under review (a comment is optional); the organisation is
    told. The commitment is then final.

    Args:
        id (str):
        version (int):
        body (DecisionInput | Unset): The funder's comment on a decision. Example: {'comment':
            'Year 2 graduates look low against your Plan: check them'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | VersionView
    """

    return (
        await asyncio_detailed(
            id=id,
            version=version,
            client=client,
            body=body,
        )
    ).parsed
