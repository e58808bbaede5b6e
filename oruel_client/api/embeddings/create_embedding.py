# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from typing import TYPE_CHECKING, Any, Final

import httpx

from ... import errors
from ..._inputs import check_headers, check_query, encode_request
from ..._validation import jsonable
from ..._validation import validate as _validate
from ...client import AuthenticatedClient, Client
from ...models.embedding_request import EmbeddingRequest
from ...models.embedding_response import EmbeddingResponse
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset

if TYPE_CHECKING:
    from ...models.params import EmbeddingRequestParam

OPERATION_ID: Final = "createEmbedding"
HTTP_METHOD: Final = "post"
PATH_TEMPLATE: Final = "/embeddings"
BODY_SCHEMA: Final[str | None] = "EmbeddingRequest"
STREAMING: Final = False


def build_request(
    *,
    body: EmbeddingRequest | EmbeddingRequestParam,
    extra_body: Mapping[str, Any] | None = None,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    timeout: float | httpx.Timeout | None | Unset = UNSET,
    validate: bool = True,
) -> dict[str, Any]:
    """The httpx request arguments (method, url, params, headers, body, timeout) for this operation.

    Raises:
        errors.OruelValidationError: a value breaks a constraint of the spec (unless validate is False).
    """
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/embeddings",
    }
    if extra_query:
        _kwargs["params"] = check_query(extra_query)

    json_body: dict[str, Any] = body.to_dict() if isinstance(body, EmbeddingRequest) else jsonable(body)
    if extra_body:
        json_body.update(jsonable(extra_body))  # shallow merge; extra_body wins, as documented
    if validate:
        _validate("EmbeddingRequest", json_body)
    _kwargs["json"] = json_body
    headers["Content-Type"] = "application/json"

    # The media types the spec documents for success.
    headers["Accept"] = "application/json"
    if extra_headers:
        check_headers(extra_headers)
        headers.update(extra_headers)
    if headers:
        _kwargs["headers"] = headers
    if not isinstance(timeout, Unset):
        _kwargs["timeout"] = timeout
    return _kwargs


def parse_success(response: httpx.Response) -> EmbeddingResponse:
    """The documented 200 body of this operation, typed."""
    response_200 = EmbeddingResponse.from_dict(response.json())

    return response_200


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EmbeddingResponse | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = EmbeddingResponse.from_dict(response.json())

        return response_200

    def _parse_default() -> ErrorResponse:
        response_default = ErrorResponse.from_dict(response.json())

        return response_default

    try:
        return _parse_default()
    except (ValueError, KeyError, TypeError, AttributeError):
        pass  # not the documented error body (an HTML page from a proxy, an empty body): fall through
    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[EmbeddingResponse | ErrorResponse]:
    try:
        status: HTTPStatus | int = HTTPStatus(response.status_code)
    except ValueError:  # a status http.HTTPStatus does not list, e.g. a CDN's 520
        status = response.status_code
    return Response(
        status_code=status,
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: EmbeddingRequest | EmbeddingRequestParam,
    extra_body: Mapping[str, Any] | None = None,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    timeout: float | httpx.Timeout | None | Unset = UNSET,
    validate: bool = True,
) -> Response[EmbeddingResponse | ErrorResponse]:
    """Create embeddings

    Embeds one text or a batch of texts. Billed per million input tokens. Source: decided
    (https://cloud.oru-el.com/docs/getting-started/pricing).

    Args:
        body (EmbeddingRequest): Source: decided.

    Raises:
        errors.OruelValidationError: a value breaks a constraint of the spec; nothing was sent.
        errors.UnexpectedStatus: an undocumented status, when Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: the request took longer than the timeout.

    Returns:
        Response[EmbeddingResponse | ErrorResponse]
    """

    kwargs = build_request(
        body=body,
        extra_body=extra_body,
        extra_headers=extra_headers,
        extra_query=extra_query,
        timeout=timeout,
        validate=validate,
    )
    http = client.get_httpx_client()
    response = http.send(encode_request(http, kwargs))
    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: EmbeddingRequest | EmbeddingRequestParam,
    extra_body: Mapping[str, Any] | None = None,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    timeout: float | httpx.Timeout | None | Unset = UNSET,
    validate: bool = True,
) -> EmbeddingResponse | ErrorResponse | None:
    """Create embeddings

    Embeds one text or a batch of texts. Billed per million input tokens. Source: decided
    (https://cloud.oru-el.com/docs/getting-started/pricing).

    Args:
        body (EmbeddingRequest): Source: decided.

    Raises:
        errors.OruelValidationError: a value breaks a constraint of the spec; nothing was sent.
        errors.UnexpectedStatus: an undocumented status, when Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: the request took longer than the timeout.

    Returns:
        EmbeddingResponse | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        extra_body=extra_body,
        extra_headers=extra_headers,
        extra_query=extra_query,
        timeout=timeout,
        validate=validate,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: EmbeddingRequest | EmbeddingRequestParam,
    extra_body: Mapping[str, Any] | None = None,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    timeout: float | httpx.Timeout | None | Unset = UNSET,
    validate: bool = True,
) -> Response[EmbeddingResponse | ErrorResponse]:
    """Create embeddings

    Embeds one text or a batch of texts. Billed per million input tokens. Source: decided
    (https://cloud.oru-el.com/docs/getting-started/pricing).

    Args:
        body (EmbeddingRequest): Source: decided.

    Raises:
        errors.OruelValidationError: a value breaks a constraint of the spec; nothing was sent.
        errors.UnexpectedStatus: an undocumented status, when Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: the request took longer than the timeout.

    Returns:
        Response[EmbeddingResponse | ErrorResponse]
    """

    kwargs = build_request(
        body=body,
        extra_body=extra_body,
        extra_headers=extra_headers,
        extra_query=extra_query,
        timeout=timeout,
        validate=validate,
    )
    http = client.get_async_httpx_client()
    response = await http.send(encode_request(http, kwargs))
    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: EmbeddingRequest | EmbeddingRequestParam,
    extra_body: Mapping[str, Any] | None = None,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    timeout: float | httpx.Timeout | None | Unset = UNSET,
    validate: bool = True,
) -> EmbeddingResponse | ErrorResponse | None:
    """Create embeddings

    Embeds one text or a batch of texts. Billed per million input tokens. Source: decided
    (https://cloud.oru-el.com/docs/getting-started/pricing).

    Args:
        body (EmbeddingRequest): Source: decided.

    Raises:
        errors.OruelValidationError: a value breaks a constraint of the spec; nothing was sent.
        errors.UnexpectedStatus: an undocumented status, when Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: the request took longer than the timeout.

    Returns:
        EmbeddingResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            extra_body=extra_body,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            validate=validate,
        )
    ).parsed
