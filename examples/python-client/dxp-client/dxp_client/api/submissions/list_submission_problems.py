from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.problem_page import ProblemPage
from ...models.sdr_file import SdrFile
from ...models.severity import Severity
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    severity: Severity | Unset = UNSET,
    rule: str | Unset = UNSET,
    field: str | Unset = UNSET,
    file: SdrFile | Unset = UNSET,
    after: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_severity: str | Unset = UNSET
    if not isinstance(severity, Unset):
        json_severity = severity.value

    params["severity"] = json_severity

    params["rule"] = rule

    params["field"] = field

    json_file: str | Unset = UNSET
    if not isinstance(file, Unset):
        json_file = file.value

    params["file"] = json_file

    params["after"] = after

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/submissions/{id}/problems".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ProblemPage | None:
    if response.status_code == 200:
        response_200 = ProblemPage.from_dict(response.json())

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
) -> Response[Problem | ProblemPage]:
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
    severity: Severity | Unset = UNSET,
    rule: str | Unset = UNSET,
    field: str | Unset = UNSET,
    file: SdrFile | Unset = UNSET,
    after: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[Problem | ProblemPage]:
    """The problems found in a submission, filtered and paged; with `Accept: text/csv`, the whole
    report as CSV, one row per problem.

    Args:
        id (str):
        severity (Severity | Unset): How serious a problem is. Errors reject a return; warnings do
            not.
        rule (str | Unset):
        field (str | Unset):
        file (SdrFile | Unset): One file of the SDR. The serialised name is the path segment the
            API uses for it.
        after (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProblemPage]
    """

    kwargs = _get_kwargs(
        id=id,
        severity=severity,
        rule=rule,
        field=field,
        file=file,
        after=after,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    severity: Severity | Unset = UNSET,
    rule: str | Unset = UNSET,
    field: str | Unset = UNSET,
    file: SdrFile | Unset = UNSET,
    after: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Problem | ProblemPage | None:
    """The problems found in a submission, filtered and paged; with `Accept: text/csv`, the whole
    report as CSV, one row per problem.

    Args:
        id (str):
        severity (Severity | Unset): How serious a problem is. Errors reject a return; warnings do
            not.
        rule (str | Unset):
        field (str | Unset):
        file (SdrFile | Unset): One file of the SDR. The serialised name is the path segment the
            API uses for it.
        after (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProblemPage
    """

    return sync_detailed(
        id=id,
        client=client,
        severity=severity,
        rule=rule,
        field=field,
        file=file,
        after=after,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    severity: Severity | Unset = UNSET,
    rule: str | Unset = UNSET,
    field: str | Unset = UNSET,
    file: SdrFile | Unset = UNSET,
    after: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[Problem | ProblemPage]:
    """The problems found in a submission, filtered and paged; with `Accept: text/csv`, the whole
    report as CSV, one row per problem.

    Args:
        id (str):
        severity (Severity | Unset): How serious a problem is. Errors reject a return; warnings do
            not.
        rule (str | Unset):
        field (str | Unset):
        file (SdrFile | Unset): One file of the SDR. The serialised name is the path segment the
            API uses for it.
        after (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProblemPage]
    """

    kwargs = _get_kwargs(
        id=id,
        severity=severity,
        rule=rule,
        field=field,
        file=file,
        after=after,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    severity: Severity | Unset = UNSET,
    rule: str | Unset = UNSET,
    field: str | Unset = UNSET,
    file: SdrFile | Unset = UNSET,
    after: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Problem | ProblemPage | None:
    """The problems found in a submission, filtered and paged; with `Accept: text/csv`, the whole
    report as CSV, one row per problem.

    Args:
        id (str):
        severity (Severity | Unset): How serious a problem is. Errors reject a return; warnings do
            not.
        rule (str | Unset):
        field (str | Unset):
        file (SdrFile | Unset): One file of the SDR. The serialised name is the path segment the
            API uses for it.
        after (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProblemPage
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            severity=severity,
            rule=rule,
            field=field,
            file=file,
            after=after,
            limit=limit,
        )
    ).parsed
