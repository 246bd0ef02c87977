from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.document_list import DocumentList
from ...models.document_type import DocumentType
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    organisation: int | Unset = UNSET,
    document_type: DocumentType | Unset = UNSET,
    to_action: bool | Unset = UNSET,
    submission_id: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["organisation"] = organisation

    json_document_type: str | Unset = UNSET
    if not isinstance(document_type, Unset):
        json_document_type = document_type.value

    params["documentType"] = json_document_type

    params["toAction"] = to_action

    params["submissionId"] = submission_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/documents",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DocumentList | Problem | None:
    if response.status_code == 200:
        response_200 = DocumentList.from_dict(response.json())

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
) -> Response[DocumentList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    organisation: int | Unset = UNSET,
    document_type: DocumentType | Unset = UNSET,
    to_action: bool | Unset = UNSET,
    submission_id: str | Unset = UNSET,
) -> Response[DocumentList | Problem]:
    """An organisation's documents the caller sees, newest first.

    Args:
        organisation (int | Unset):
        document_type (DocumentType | Unset): The kinds of document the funder and organisations
            exchange.
        to_action (bool | Unset):
        submission_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DocumentList | Problem]
    """

    kwargs = _get_kwargs(
        organisation=organisation,
        document_type=document_type,
        to_action=to_action,
        submission_id=submission_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    organisation: int | Unset = UNSET,
    document_type: DocumentType | Unset = UNSET,
    to_action: bool | Unset = UNSET,
    submission_id: str | Unset = UNSET,
) -> DocumentList | Problem | None:
    """An organisation's documents the caller sees, newest first.

    Args:
        organisation (int | Unset):
        document_type (DocumentType | Unset): The kinds of document the funder and organisations
            exchange.
        to_action (bool | Unset):
        submission_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DocumentList | Problem
    """

    return sync_detailed(
        client=client,
        organisation=organisation,
        document_type=document_type,
        to_action=to_action,
        submission_id=submission_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    organisation: int | Unset = UNSET,
    document_type: DocumentType | Unset = UNSET,
    to_action: bool | Unset = UNSET,
    submission_id: str | Unset = UNSET,
) -> Response[DocumentList | Problem]:
    """An organisation's documents the caller sees, newest first.

    Args:
        organisation (int | Unset):
        document_type (DocumentType | Unset): The kinds of document the funder and organisations
            exchange.
        to_action (bool | Unset):
        submission_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DocumentList | Problem]
    """

    kwargs = _get_kwargs(
        organisation=organisation,
        document_type=document_type,
        to_action=to_action,
        submission_id=submission_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    organisation: int | Unset = UNSET,
    document_type: DocumentType | Unset = UNSET,
    to_action: bool | Unset = UNSET,
    submission_id: str | Unset = UNSET,
) -> DocumentList | Problem | None:
    """An organisation's documents the caller sees, newest first.

    Args:
        organisation (int | Unset):
        document_type (DocumentType | Unset): The kinds of document the funder and organisations
            exchange.
        to_action (bool | Unset):
        submission_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DocumentList | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            organisation=organisation,
            document_type=document_type,
            to_action=to_action,
            submission_id=submission_id,
        )
    ).parsed
