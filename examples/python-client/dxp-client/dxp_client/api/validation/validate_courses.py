from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.course_batch import CourseBatch
from ...models.problem import Problem
from ...models.validation_report import ValidationReport
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    body: CourseBatch | File | Unset = UNSET,
    return_year: int | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["returnYear"] = return_year

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/validation/courses",
        "params": params,
    }

    if isinstance(body, CourseBatch):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, File):
        _kwargs["content"] = body.payload
        headers["Content-Type"] = "text/csv"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ValidationReport | None:
    if response.status_code == 200:
        response_200 = ValidationReport.from_dict(response.json())

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
) -> Response[Problem | ValidationReport]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CourseBatch | File | Unset = UNSET,
    return_year: int | Unset = UNSET,
) -> Response[Problem | ValidationReport]:
    """
    Args:
        return_year (int | Unset):
        body (CourseBatch):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ValidationReport]
    """

    kwargs = _get_kwargs(
        body=body,
        return_year=return_year,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: CourseBatch | File | Unset = UNSET,
    return_year: int | Unset = UNSET,
) -> Problem | ValidationReport | None:
    """
    Args:
        return_year (int | Unset):
        body (CourseBatch):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ValidationReport
    """

    return sync_detailed(
        client=client,
        body=body,
        return_year=return_year,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CourseBatch | File | Unset = UNSET,
    return_year: int | Unset = UNSET,
) -> Response[Problem | ValidationReport]:
    """
    Args:
        return_year (int | Unset):
        body (CourseBatch):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ValidationReport]
    """

    kwargs = _get_kwargs(
        body=body,
        return_year=return_year,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CourseBatch | File | Unset = UNSET,
    return_year: int | Unset = UNSET,
) -> Problem | ValidationReport | None:
    """
    Args:
        return_year (int | Unset):
        body (CourseBatch):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ValidationReport
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            return_year=return_year,
        )
    ).parsed
