from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.commitment_view import CommitmentView
from ...models.problem import Problem
from ...models.row_input import RowInput
from ...types import Response


def _get_kwargs(
    id: str,
    row: int,
    *,
    body: RowInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/commitments/{id}/rows/{row}".format(
            id=quote(str(id), safe=""),
            row=quote(str(row), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CommitmentView | Problem | None:
    if response.status_code == 200:
        response_200 = CommitmentView.from_dict(response.json())

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
) -> Response[CommitmentView | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    row: int,
    *,
    client: AuthenticatedClient,
    body: RowInput,
) -> Response[CommitmentView | Problem]:
    """Changes a row: a MoP row's values are replaced; an EPIC row's Year 1–3 values are set (the
    values sent; a blank one clears it).

    Args:
        id (str):
        row (int):
        body (RowInput): A row's values by column name: text, or numbers for the numeric columns.
            Computed columns
            sent are ignored. Example: {'values': {'courseTitle': 'Te reo for whānau',
            'hoursPerLearner': '12.50', 'numberOfLearners': 20, 'priorityProvision1': 'TEREO',
            'regionOfDelivery': 'Otago', 'targetPriorityGroup': 'MAORI'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CommitmentView | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        row=row,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    row: int,
    *,
    client: AuthenticatedClient,
    body: RowInput,
) -> CommitmentView | Problem | None:
    """Changes a row: a MoP row's values are replaced; an EPIC row's Year 1–3 values are set (the
    values sent; a blank one clears it).

    Args:
        id (str):
        row (int):
        body (RowInput): A row's values by column name: text, or numbers for the numeric columns.
            Computed columns
            sent are ignored. Example: {'values': {'courseTitle': 'Te reo for whānau',
            'hoursPerLearner': '12.50', 'numberOfLearners': 20, 'priorityProvision1': 'TEREO',
            'regionOfDelivery': 'Otago', 'targetPriorityGroup': 'MAORI'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CommitmentView | Problem
    """

    return sync_detailed(
        id=id,
        row=row,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: str,
    row: int,
    *,
    client: AuthenticatedClient,
    body: RowInput,
) -> Response[CommitmentView | Problem]:
    """Changes a row: a MoP row's values are replaced; an EPIC row's Year 1–3 values are set (the
    values sent; a blank one clears it).

    Args:
        id (str):
        row (int):
        body (RowInput): A row's values by column name: text, or numbers for the numeric columns.
            Computed columns
            sent are ignored. Example: {'values': {'courseTitle': 'Te reo for whānau',
            'hoursPerLearner': '12.50', 'numberOfLearners': 20, 'priorityProvision1': 'TEREO',
            'regionOfDelivery': 'Otago', 'targetPriorityGroup': 'MAORI'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CommitmentView | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        row=row,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    row: int,
    *,
    client: AuthenticatedClient,
    body: RowInput,
) -> CommitmentView | Problem | None:
    """Changes a row: a MoP row's values are replaced; an EPIC row's Year 1–3 values are set (the
    values sent; a blank one clears it).

    Args:
        id (str):
        row (int):
        body (RowInput): A row's values by column name: text, or numbers for the numeric columns.
            Computed columns
            sent are ignored. Example: {'values': {'courseTitle': 'Te reo for whānau',
            'hoursPerLearner': '12.50', 'numberOfLearners': 20, 'priorityProvision1': 'TEREO',
            'regionOfDelivery': 'Otago', 'targetPriorityGroup': 'MAORI'}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CommitmentView | Problem
    """

    return (
        await asyncio_detailed(
            id=id,
            row=row,
            client=client,
            body=body,
        )
    ).parsed
