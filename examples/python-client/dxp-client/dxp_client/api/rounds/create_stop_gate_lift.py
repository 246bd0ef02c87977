from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.new_stop_gate_lift import NewStopGateLift
from ...models.problem import Problem
from ...models.stop_gate_lift_view import StopGateLiftView
from ...types import Response


def _get_kwargs(
    id: str,
    *,
    body: NewStopGateLift,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/rounds/{id}/stop-gate-lifts".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | StopGateLiftView | None:
    if response.status_code == 201:
        response_201 = StopGateLiftView.from_dict(response.json())

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
) -> Response[Problem | StopGateLiftView]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: NewStopGateLift,
) -> Response[Problem | StopGateLiftView]:
    """Lifts the Stop Gate for one organisation (funder only), once its latest submission for the
    round is Processed with zero errors (rule RD-007). It may then lodge once, until `dueAt`; the
    lodging is marked late.

    Args:
        id (str):
        body (NewStopGateLift): The funder's lift of the Stop Gate for one organisation. Example:
            {'dueAt': '2026-05-08T05:00:00Z', 'organisation': 6004, 'reason': 'Stop Gate request
            approved: SMS outage on the due date'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StopGateLiftView]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: NewStopGateLift,
) -> Problem | StopGateLiftView | None:
    """Lifts the Stop Gate for one organisation (funder only), once its latest submission for the
    round is Processed with zero errors (rule RD-007). It may then lodge once, until `dueAt`; the
    lodging is marked late.

    Args:
        id (str):
        body (NewStopGateLift): The funder's lift of the Stop Gate for one organisation. Example:
            {'dueAt': '2026-05-08T05:00:00Z', 'organisation': 6004, 'reason': 'Stop Gate request
            approved: SMS outage on the due date'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StopGateLiftView
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: NewStopGateLift,
) -> Response[Problem | StopGateLiftView]:
    """Lifts the Stop Gate for one organisation (funder only), once its latest submission for the
    round is Processed with zero errors (rule RD-007). It may then lodge once, until `dueAt`; the
    lodging is marked late.

    Args:
        id (str):
        body (NewStopGateLift): The funder's lift of the Stop Gate for one organisation. Example:
            {'dueAt': '2026-05-08T05:00:00Z', 'organisation': 6004, 'reason': 'Stop Gate request
            approved: SMS outage on the due date'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StopGateLiftView]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: NewStopGateLift,
) -> Problem | StopGateLiftView | None:
    """Lifts the Stop Gate for one organisation (funder only), once its latest submission for the
    round is Processed with zero errors (rule RD-007). It may then lodge once, until `dueAt`; the
    lodging is marked late.

    Args:
        id (str):
        body (NewStopGateLift): The funder's lift of the Stop Gate for one organisation. Example:
            {'dueAt': '2026-05-08T05:00:00Z', 'organisation': 6004, 'reason': 'Stop Gate request
            approved: SMS outage on the due date'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StopGateLiftView
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
