from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.load_result import LoadResult
from ...models.nzqa_results_load import NzqaResultsLoad
from ...models.problem import Problem
from ...types import UNSET, File, Response


def _get_kwargs(
    *,
    body: NzqaResultsLoad | File | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/registers/nzqa-results",
    }

    if isinstance(body, NzqaResultsLoad):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, File):
        _kwargs["content"] = body.payload
        headers["Content-Type"] = "text/csv"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> LoadResult | Problem | None:
    if response.status_code == 200:
        response_200 = LoadResult.from_dict(response.json())

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

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

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
) -> Response[LoadResult | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: NzqaResultsLoad | File | Unset = UNSET,
) -> Response[LoadResult | Problem]:
    """The funder loads results NZQA reported for learners: unit standards achieved with their
    credits, and qualifications awarded. A result loaded again for the same learner and
    standard replaces the one before. The work-based credit achievement and programme
    completion rates count them. `written` is how many were new.

    Args:
        body (NzqaResultsLoad): Results NZQA reported, to load.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LoadResult | Problem]
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
    body: NzqaResultsLoad | File | Unset = UNSET,
) -> LoadResult | Problem | None:
    """The funder loads results NZQA reported for learners: unit standards achieved with their
    credits, and qualifications awarded. A result loaded again for the same learner and
    standard replaces the one before. The work-based credit achievement and programme
    completion rates count them. `written` is how many were new.

    Args:
        body (NzqaResultsLoad): Results NZQA reported, to load.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LoadResult | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: NzqaResultsLoad | File | Unset = UNSET,
) -> Response[LoadResult | Problem]:
    """The funder loads results NZQA reported for learners: unit standards achieved with their
    credits, and qualifications awarded. A result loaded again for the same learner and
    standard replaces the one before. The work-based credit achievement and programme
    completion rates count them. `written` is how many were new.

    Args:
        body (NzqaResultsLoad): Results NZQA reported, to load.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LoadResult | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: NzqaResultsLoad | File | Unset = UNSET,
) -> LoadResult | Problem | None:
    """The funder loads results NZQA reported for learners: unit standards achieved with their
    credits, and qualifications awarded. A result loaded again for the same learner and
    standard replaces the one before. The work-based credit achievement and programme
    completion rates count them. `written` is how many were new.

    Args:
        body (NzqaResultsLoad): Results NZQA reported, to load.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LoadResult | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
