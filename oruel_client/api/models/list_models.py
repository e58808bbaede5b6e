# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

import httpx

from ..._exceptions import APIResponseValidationError
from ..._inputs import check_headers, check_query
from ..._validation import jsonable
from ...types import UNSET, Unset

# The models load when a function first needs them, not with this module: importing attrs and the models costs
# more than the rest of the client's import, and a user importing one endpoint function should not pay it.
if TYPE_CHECKING:
    from ..._client import AsyncOruel, Oruel
    from ..._response import APIResponse
    from ...models.model_list import ModelList

OPERATION_ID: Final = "listModels"
HTTP_METHOD: Final = "get"
PATH_TEMPLATE: Final = "/models"
BODY_SCHEMA: Final[str | None] = None
STREAMING: Final = False


def build_request(
    *,
    extra_body: Mapping[str, Any] | None = None,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    timeout: float | httpx.Timeout | None | Unset = UNSET,
    validate: bool = True,
) -> dict[str, Any]:
    """The httpx request arguments (method, url, params, headers, body, timeout) for this operation.

    Raises:
        OruelValidationError: a value breaks a constraint of the spec (unless validate is False).
    """
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/models",
    }
    if extra_query:
        _kwargs["params"] = check_query(extra_query)

    if extra_body:
        _kwargs["json"] = jsonable(extra_body)
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


def parse_success(response: httpx.Response) -> ModelList:
    """The documented 200 body of this operation, typed; any other shape is
    an APIResponseValidationError, never a raw Python exception."""

    from ...models.model_list import ModelList  # noqa: PLC0415

    try:
        response_200 = ModelList.from_dict(response.json())

        return response_200

    except (ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError) as exc:
        raise APIResponseValidationError.of_body(response, OPERATION_ID, exc) from exc


def sync(
    *,
    client: Oruel,
    extra_body: Mapping[str, Any] | None = None,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    timeout: float | httpx.Timeout | None | Unset = UNSET,
) -> ModelList:
    """List models

    The public model catalog. Needs no API key. Source: decided
    (https://cloud.oru-el.com/docs/getting-started/authentication).

    Raises:
        OruelValidationError: a value breaks a constraint of the spec; nothing was sent.
        APIStatusError: the server answered with an error status (a subclass per status), after retries.
        APIConnectionError: no answer (APITimeoutError for a timeout), after retries.
        APIResponseValidationError: the answer is not of the documented shape, or is too large.

    Returns:
        ErrorResponse | ModelList
    """

    options = build_request(
        extra_body=extra_body,
        extra_headers=extra_headers,
        extra_query=extra_query,
        timeout=timeout,
        validate=client.validates,
    )
    return client._request(options, parse_success)


def sync_detailed(
    *,
    client: Oruel,
    extra_body: Mapping[str, Any] | None = None,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    timeout: float | httpx.Timeout | None | Unset = UNSET,
) -> APIResponse[ModelList]:
    """List models

    The public model catalog. Needs no API key. Source: decided
    (https://cloud.oru-el.com/docs/getting-started/authentication).

    Raises:
        OruelValidationError: a value breaks a constraint of the spec; nothing was sent.
        APIStatusError: the server answered with an error status (a subclass per status), after retries.
        APIConnectionError: no answer (APITimeoutError for a timeout), after retries.
        APIResponseValidationError: the answer is not of the documented shape, or is too large.

    Returns:
        APIResponse[ErrorResponse | ModelList]: status, headers, request id, timing, retries taken;
        ``.parse()`` gives the typed body.
    """

    options = build_request(
        extra_body=extra_body,
        extra_headers=extra_headers,
        extra_query=extra_query,
        timeout=timeout,
        validate=client.validates,
    )
    return client._request_raw(options, parse_success)


async def asyncio(
    *,
    client: AsyncOruel,
    extra_body: Mapping[str, Any] | None = None,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    timeout: float | httpx.Timeout | None | Unset = UNSET,
) -> ModelList:
    """The async form of sync()."""
    options = build_request(
        extra_body=extra_body,
        extra_headers=extra_headers,
        extra_query=extra_query,
        timeout=timeout,
        validate=client.validates,
    )
    return await client._request(options, parse_success)


async def asyncio_detailed(
    *,
    client: AsyncOruel,
    extra_body: Mapping[str, Any] | None = None,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    timeout: float | httpx.Timeout | None | Unset = UNSET,
) -> APIResponse[ModelList]:
    """The async form of sync_detailed()."""
    options = build_request(
        extra_body=extra_body,
        extra_headers=extra_headers,
        extra_query=extra_query,
        timeout=timeout,
        validate=client.validates,
    )
    return await client._request_raw(options, parse_success)
