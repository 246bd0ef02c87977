from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.document_view import DocumentView
from ...models.new_document_form import NewDocumentForm
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: NewDocumentForm,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/documents",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DocumentView | Problem | None:
    if response.status_code == 201:
        response_201 = DocumentView.from_dict(response.json())

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
) -> Response[DocumentView | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: NewDocumentForm,
) -> Response[DocumentView | Problem]:
    """Makes a document available: the funder's for the organisations it names (or all), told to
    their people; an organisation's own otherwise. The body is `multipart/form-data`: a
    `document` part of JSON first, then one `file` part a file. Each file's content must be
    what its name says; nothing is kept unless all of it is.

    Args:
        body (NewDocumentForm): The body of a new document: its details, then its files.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DocumentView | Problem]
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
    body: NewDocumentForm,
) -> DocumentView | Problem | None:
    """Makes a document available: the funder's for the organisations it names (or all), told to
    their people; an organisation's own otherwise. The body is `multipart/form-data`: a
    `document` part of JSON first, then one `file` part a file. Each file's content must be
    what its name says; nothing is kept unless all of it is.

    Args:
        body (NewDocumentForm): The body of a new document: its details, then its files.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DocumentView | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: NewDocumentForm,
) -> Response[DocumentView | Problem]:
    """Makes a document available: the funder's for the organisations it names (or all), told to
    their people; an organisation's own otherwise. The body is `multipart/form-data`: a
    `document` part of JSON first, then one `file` part a file. Each file's content must be
    what its name says; nothing is kept unless all of it is.

    Args:
        body (NewDocumentForm): The body of a new document: its details, then its files.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DocumentView | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: NewDocumentForm,
) -> DocumentView | Problem | None:
    """Makes a document available: the funder's for the organisations it names (or all), told to
    their people; an organisation's own otherwise. The body is `multipart/form-data`: a
    `document` part of JSON first, then one `file` part a file. Each file's content must be
    what its name says; nothing is kept unless all of it is.

    Args:
        body (NewDocumentForm): The body of a new document: its details, then its files.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DocumentView | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
