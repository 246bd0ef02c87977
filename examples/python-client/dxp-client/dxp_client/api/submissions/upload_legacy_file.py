from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.upload_report import UploadReport
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    id: str,
    file_name: str,
    *,
    body: File,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/submissions/{id}/legacy-files/{file_name}".format(
            id=quote(str(id), safe=""),
            file_name=quote(str(file_name), safe=""),
        ),
    }

    _kwargs["content"] = body.payload
    headers["Content-Type"] = "text/plain"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | UploadReport | None:
    if response.status_code == 200:
        response_200 = UploadReport.from_dict(response.json())

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

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

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
) -> Response[Problem | UploadReport]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    file_name: str,
    *,
    client: AuthenticatedClient,
    body: File,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | UploadReport]:
    """Imports a legacy STEO fixed-width file (`STUD####.txt`, `COUR####.txt`, `CREG####.txt`,
    `QUAL####.txt`, `COMP####.txt`) into a submission, for historic resubmissions: each line is
    converted to the DXP record of its file and stored as a JSON upload would be. Problems carry
    the file's line number as `index`; every line's provider code must be the submission's
    organisation.

    Args:
        id (str):
        file_name (str):
        idempotency_key (str | Unset):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | UploadReport]
    """

    kwargs = _get_kwargs(
        id=id,
        file_name=file_name,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    file_name: str,
    *,
    client: AuthenticatedClient,
    body: File,
    idempotency_key: str | Unset = UNSET,
) -> Problem | UploadReport | None:
    """Imports a legacy STEO fixed-width file (`STUD####.txt`, `COUR####.txt`, `CREG####.txt`,
    `QUAL####.txt`, `COMP####.txt`) into a submission, for historic resubmissions: each line is
    converted to the DXP record of its file and stored as a JSON upload would be. Problems carry
    the file's line number as `index`; every line's provider code must be the submission's
    organisation.

    Args:
        id (str):
        file_name (str):
        idempotency_key (str | Unset):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | UploadReport
    """

    return sync_detailed(
        id=id,
        file_name=file_name,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    id: str,
    file_name: str,
    *,
    client: AuthenticatedClient,
    body: File,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | UploadReport]:
    """Imports a legacy STEO fixed-width file (`STUD####.txt`, `COUR####.txt`, `CREG####.txt`,
    `QUAL####.txt`, `COMP####.txt`) into a submission, for historic resubmissions: each line is
    converted to the DXP record of its file and stored as a JSON upload would be. Problems carry
    the file's line number as `index`; every line's provider code must be the submission's
    organisation.

    Args:
        id (str):
        file_name (str):
        idempotency_key (str | Unset):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | UploadReport]
    """

    kwargs = _get_kwargs(
        id=id,
        file_name=file_name,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    file_name: str,
    *,
    client: AuthenticatedClient,
    body: File,
    idempotency_key: str | Unset = UNSET,
) -> Problem | UploadReport | None:
    """Imports a legacy STEO fixed-width file (`STUD####.txt`, `COUR####.txt`, `CREG####.txt`,
    `QUAL####.txt`, `COMP####.txt`) into a submission, for historic resubmissions: each line is
    converted to the DXP record of its file and stored as a JSON upload would be. Problems carry
    the file's line number as `index`; every line's provider code must be the submission's
    organisation.

    Args:
        id (str):
        file_name (str):
        idempotency_key (str | Unset):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | UploadReport
    """

    return (
        await asyncio_detailed(
            id=id,
            file_name=file_name,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
