from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.questionnaire_upload import QuestionnaireUpload
from ...models.questionnaire_view import QuestionnaireView
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    body: QuestionnaireUpload | File | Unset = UNSET,
    year: int | Unset = UNSET,
    organisation: int | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["year"] = year

    params["organisation"] = organisation

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/workforce-questionnaires",
        "params": params,
    }

    if isinstance(body, QuestionnaireUpload):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, File):
        _kwargs["content"] = body.payload
        headers["Content-Type"] = "text/csv"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | QuestionnaireView | None:
    if response.status_code == 201:
        response_201 = QuestionnaireView.from_dict(response.json())

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
) -> Response[Problem | QuestionnaireView]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: QuestionnaireUpload | File | Unset = UNSET,
    year: int | Unset = UNSET,
    organisation: int | Unset = UNSET,
) -> Response[Problem | QuestionnaireView]:
    """Uploads a workforce questionnaire as JSON (`{"year", "records"}`) or CSV (`text/csv`, first
    row the field names, `?year=`; a problem's `index` is then its line). It is checked at once:
    `Processed` with no error, `Rejected`
    otherwise, with every problem. The latest processed one for a year lets the December return
    be lodged.

    Args:
        year (int | Unset):
        organisation (int | Unset):
        body (QuestionnaireUpload): A questionnaire sent as JSON.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | QuestionnaireView]
    """

    kwargs = _get_kwargs(
        body=body,
        year=year,
        organisation=organisation,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: QuestionnaireUpload | File | Unset = UNSET,
    year: int | Unset = UNSET,
    organisation: int | Unset = UNSET,
) -> Problem | QuestionnaireView | None:
    """Uploads a workforce questionnaire as JSON (`{"year", "records"}`) or CSV (`text/csv`, first
    row the field names, `?year=`; a problem's `index` is then its line). It is checked at once:
    `Processed` with no error, `Rejected`
    otherwise, with every problem. The latest processed one for a year lets the December return
    be lodged.

    Args:
        year (int | Unset):
        organisation (int | Unset):
        body (QuestionnaireUpload): A questionnaire sent as JSON.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | QuestionnaireView
    """

    return sync_detailed(
        client=client,
        body=body,
        year=year,
        organisation=organisation,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: QuestionnaireUpload | File | Unset = UNSET,
    year: int | Unset = UNSET,
    organisation: int | Unset = UNSET,
) -> Response[Problem | QuestionnaireView]:
    """Uploads a workforce questionnaire as JSON (`{"year", "records"}`) or CSV (`text/csv`, first
    row the field names, `?year=`; a problem's `index` is then its line). It is checked at once:
    `Processed` with no error, `Rejected`
    otherwise, with every problem. The latest processed one for a year lets the December return
    be lodged.

    Args:
        year (int | Unset):
        organisation (int | Unset):
        body (QuestionnaireUpload): A questionnaire sent as JSON.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | QuestionnaireView]
    """

    kwargs = _get_kwargs(
        body=body,
        year=year,
        organisation=organisation,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: QuestionnaireUpload | File | Unset = UNSET,
    year: int | Unset = UNSET,
    organisation: int | Unset = UNSET,
) -> Problem | QuestionnaireView | None:
    """Uploads a workforce questionnaire as JSON (`{"year", "records"}`) or CSV (`text/csv`, first
    row the field names, `?year=`; a problem's `index` is then its line). It is checked at once:
    `Processed` with no error, `Rejected`
    otherwise, with every problem. The latest processed one for a year lets the December return
    be lodged.

    Args:
        year (int | Unset):
        organisation (int | Unset):
        body (QuestionnaireUpload): A questionnaire sent as JSON.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | QuestionnaireView
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            year=year,
            organisation=organisation,
        )
    ).parsed
