"""Request validation against the spec the server follows (spec.py): openapi-core checks the path, query and
header parameters and JSON bodies; form bodies (multipart, urlencoded), which openapi-core reads without the
``name[]``/``name[key]``/``true`` conventions OpenAI-compatible clients use, are shaped by forms.py and
checked here with the same JSON Schema dialect.

A failure is a 400 in the error envelope whose ``param`` names the field (``temperature``,
``messages.0.content``, a query or path parameter). Keys are checked by the app (401, not 400), so security
errors are ignored here, and so is an absent optional body.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl

from .forms import for_validation
from .replies import ApiError
from .spec import Spec, embedded_spec, schema_validator

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
    name = getattr(exc, "name", None)  # a parameter's errors are relative to the parameter
    if not schema_errors:
        if isinstance(name, str):
            return ApiError(400, f"Invalid parameter '{name}': {exc}", code="invalid_parameter", param=name)
        return ApiError(400, f"Invalid request: {exc}", code="invalid_request")
    return _schema_error(schema_errors[0], [name] if isinstance(name, str) else [])


def _schema_error(first: Any, prefix: list[str]) -> ApiError:
    error = _most_specific(first)
    path = [*prefix, *(str(p) for p in error.absolute_path)]
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
    """Request validation against a spec. Building it takes ~0.2 s (openapi-core also checks the spec
    itself), so ``shared_validator`` makes one per process, spec and base path."""

    def __init__(self, base_path: str, spec: Spec | None = None) -> None:
        from openapi_core import OpenAPI
        from openapi_core.validation.request.exceptions import (
            MissingRequestBody,
            MissingRequestBodyError,
            SecurityValidationError,
        )

        self.spec = spec or embedded_spec()
        document = copy.deepcopy(dict(self.spec.document))
        # A path-only server URL: openapi-core then matches the path alone, whatever host and port we got.
        document["servers"] = [{"url": base_path or "/"}]
        _query_lists(document)
        self._validator = OpenAPI.from_dict(document).request_validator
        self._ignored: tuple[type[Exception], ...] = (SecurityValidationError, MissingRequestBody)
        # A form body is checked here (check_form), not by openapi-core, which is then given no body.
        self._ignored_for_forms: tuple[type[Exception], ...] = (SecurityValidationError, MissingRequestBodyError)

    def check(
        self, method: str, path: str, query: bytes, headers: Mapping[str, str], body: bytes, *, form: bool = False
    ) -> None:
        """Raise the ApiError (400) for the first problem openapi-core finds (parameters only for a form)."""
        request = _OpenAPIRequest(method, path, query, headers, b"" if form else body)
        ignored = self._ignored_for_forms if form else self._ignored
        for exc in self._validator.iter_errors(request):
            if not isinstance(exc, ignored):
                raise _to_api_error(exc)

    def check_form(self, schema: Any, value: Any) -> None:
        """Raise the ApiError (400) for the first problem of a form body (files stand in as strings)."""
        validator = schema_validator(self.spec.document, schema)
        error = next(iter(validator.iter_errors(for_validation(value))), None)
        if error is not None:
            raise _schema_error(error, [])


def _query_lists(document: dict[str, Any]) -> None:
    """A query parameter whose schema is a list or null (`anyOf: [{type: array}, {type: null}]`, as vendors
    write an optional list) checked as the list: openapi-core gathers every repeated key only for a plain
    `type: array`, and a query string cannot carry null anyway."""
    params = [p for item in (document.get("paths") or {}).values() if isinstance(item, dict)
              for p in [*(item.get("parameters") or []),
                        *(x for m, op in item.items() if isinstance(op, dict) and m != "parameters"
                          for x in op.get("parameters") or [])]]  # fmt: skip
    params += list(((document.get("components") or {}).get("parameters") or {}).values())
    for param in params:
        if not isinstance(param, dict) or param.get("in") != "query" or not isinstance(param.get("schema"), dict):
            continue
        schema = param["schema"]
        for key in ("anyOf", "oneOf"):
            branches = schema.get(key)
            if not isinstance(branches, list):
                continue
            lists = [b for b in branches if isinstance(b, dict) and b.get("type") == "array"]
            rest = [b for b in branches if b not in lists]
            if len(lists) == 1 and all(isinstance(b, dict) and b.get("type") == "null" for b in rest):
                param["schema"] = {**{k: v for k, v in schema.items() if k != key}, **lists[0]}


@functools.cache
def _validator_for(base_path: str, spec: Spec) -> SpecValidator:
    return SpecValidator(base_path, spec)


def shared_validator(base_path: str, spec: Spec | None = None) -> SpecValidator:
    return _validator_for(base_path, spec or embedded_spec())
