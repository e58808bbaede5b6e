"""Request validation with openapi-core against the spec (``oruel_client._generated.document.DOCUMENT``).

A failure is a 400 in the error envelope whose ``param`` names the field (``temperature``,
``messages.0.content``). Keys are checked by the app (401, not 400), so security errors are ignored here, and
so is an absent optional body.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl

from .._generated.document import DOCUMENT
from .replies import ApiError

__all__ = ["SpecValidator", "shared_validator"]


class _OpenAPIRequest:
    """The request as openapi-core's ``Request`` protocol wants it."""

    host_url = "http://mock"  # not compared: the validator's spec has a path-only server URL

    def __init__(self, method: str, path: str, query: bytes, headers: Mapping[str, str], body: bytes) -> None:
        from openapi_core.datatypes import RequestParameters
        from werkzeug.datastructures import Headers, ImmutableMultiDict

        self.method = method.lower()
        self.path = path
        self.body = body or None
        self.content_type = headers.get("content-type", "").lower()
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(parse_qsl(query.decode("latin-1"))), header=Headers(list(headers.items()))
        )


def _branch_mismatch(error: Any, parent: Any) -> bool:
    # A oneOf branch the caller plainly did not mean: its tag (a const such as role) differs, or the value
    # is not even of the branch's type.
    if error.validator == "const":
        return True
    return bool(error.validator == "type" and error.absolute_path == parent.absolute_path)


def _most_specific(error: Any) -> Any:
    """Descend into a oneOf/anyOf failure when exactly one branch fits the value's tag and type, so that
    ``{"role": "user", "content": 5}`` is reported at ``messages.0.content``, not ``messages.0``."""
    while error.validator in ("oneOf", "anyOf") and error.context:
        branches: dict[Any, list[Any]] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        viable = [errs for errs in branches.values() if not any(_branch_mismatch(e, error) for e in errs)]
        if len(viable) != 1:
            break
        error = max(viable[0], key=lambda e: len(e.absolute_path))
    return error


def _to_api_error(exc: Exception) -> ApiError:
    schema_errors = list(getattr(exc.__cause__, "schema_errors", None) or [])
    if not schema_errors:
        return ApiError(400, f"Invalid request: {exc}", code="invalid_request")
    error = _most_specific(schema_errors[0])
    path = [str(p) for p in error.absolute_path]
    if error.validator == "required" and isinstance(error.instance, Mapping):
        missing = next((n for n in error.validator_value if n not in error.instance), None)
        if missing is not None:
            param = ".".join([*path, str(missing)])
            return ApiError(400, f"Missing required parameter: '{param}'.", code="invalid_parameter", param=param)
    param = ".".join(path)
    detail = error.message if len(error.message) <= 300 else error.message[:297] + "..."
    where = f"'{param}'" if param else "request body"
    return ApiError(400, f"Invalid {where}: {detail}", code="invalid_parameter", param=param or None)


class SpecValidator:
    """openapi-core request validation against the spec. Building it takes ~0.2 s (openapi-core also checks
    the spec itself), so ``shared_validator`` makes one per process and base path."""

    def __init__(self, base_path: str) -> None:
        from openapi_core import OpenAPI
        from openapi_core.validation.request.exceptions import MissingRequestBody, SecurityValidationError

        document = copy.deepcopy(DOCUMENT)
        # A path-only server URL: openapi-core then matches the path alone, whatever host and port we got.
        document["servers"] = [{"url": base_path or "/"}]
        self._validator = OpenAPI.from_dict(document).request_validator
        self._ignored = (SecurityValidationError, MissingRequestBody)

    def check(self, method: str, path: str, query: bytes, headers: Mapping[str, str], body: bytes) -> None:
        """Raise the ApiError (400) for the first problem openapi-core finds."""
        request = _OpenAPIRequest(method, path, query, headers, body)
        for exc in self._validator.iter_errors(request):
            if not isinstance(exc, self._ignored):
                raise _to_api_error(exc)


@functools.cache
def shared_validator(base_path: str) -> SpecValidator:
    return SpecValidator(base_path)
