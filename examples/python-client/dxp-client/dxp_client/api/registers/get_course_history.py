from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.course_history import CourseHistory
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    course_code: str,
    *,
    organisation: int | Unset = UNSET,
    year: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["organisation"] = organisation

    params["year"] = year

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/registers/courses/{course_code}".format(
            course_code=quote(str(course_code), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CourseHistory | Problem | None:
    if response.status_code == 200:
        response_200 = CourseHistory.from_dict(response.json())

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
) -> Response[CourseHistory | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    course_code: str,
    *,
    client: AuthenticatedClient,
    organisation: int | Unset = UNSET,
    year: int | Unset = UNSET,
) -> Response[CourseHistory | Problem]:
    """A course of the organisation's register: its entries by year and the history of every
    change (who, when, which fields, through which change request).

    Args:
        course_code (str):
        organisation (int | Unset):
        year (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CourseHistory | Problem]
    """

    kwargs = _get_kwargs(
        course_code=course_code,
        organisation=organisation,
        year=year,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    course_code: str,
    *,
    client: AuthenticatedClient,
    organisation: int | Unset = UNSET,
    year: int | Unset = UNSET,
) -> CourseHistory | Problem | None:
    """A course of the organisation's register: its entries by year and the history of every
    change (who, when, which fields, through which change request).

    Args:
        course_code (str):
        organisation (int | Unset):
        year (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CourseHistory | Problem
    """

    return sync_detailed(
        course_code=course_code,
        client=client,
        organisation=organisation,
        year=year,
    ).parsed


async def asyncio_detailed(
    course_code: str,
    *,
    client: AuthenticatedClient,
    organisation: int | Unset = UNSET,
    year: int | Unset = UNSET,
) -> Response[CourseHistory | Problem]:
    """A course of the organisation's register: its entries by year and the history of every
    change (who, when, which fields, through which change request).

    Args:
        course_code (str):
        organisation (int | Unset):
        year (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CourseHistory | Problem]
    """

    kwargs = _get_kwargs(
        course_code=course_code,
        organisation=organisation,
        year=year,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    course_code: str,
    *,
    client: AuthenticatedClient,
    organisation: int | Unset = UNSET,
    year: int | Unset = UNSET,
) -> CourseHistory | Problem | None:
    """A course of the organisation's register: its entries by year and the history of every
    change (who, when, which fields, through which change request).

    Args:
        course_code (str):
        organisation (int | Unset):
        year (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CourseHistory | Problem
    """

    return (
        await asyncio_detailed(
            course_code=course_code,
            client=client,
            organisation=organisation,
            year=year,
        )
    ).parsed
