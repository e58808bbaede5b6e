"""oruel_client: a typed client for the Oru-el inference API, generated from openapi.yaml.

Public names are imported lazily, so `import oruel_client` stays cheap; `from oruel_client import Oruel`
loads the client; each resource's module (`client.chat`) and the models load when first used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._accumulate import accumulate_chunks
    from ._client import AsyncOruel, Oruel
    from ._exceptions import (
        APIConnectionError,
        APIError,
        APIResponseValidationError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        ConflictError,
        InternalServerError,
        NotFoundError,
        OruelError,
        OruelValidationError,
        PermissionDeniedError,
        RateLimitError,
        UnprocessableEntityError,
    )
    from ._streaming import AsyncStream, Stream
    from .types import UNSET, Unset

from ._version import __version__ as __version__

__all__ = [
    "Oruel",
    "AsyncOruel",
    "Stream",
    "AsyncStream",
    "accumulate_chunks",
    "UNSET",
    "Unset",
    "OruelError",
    "OruelValidationError",
    "APIError",
    "APIStatusError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "UnprocessableEntityError",
    "RateLimitError",
    "InternalServerError",
    "APIConnectionError",
    "APITimeoutError",
    "APIResponseValidationError",
]
# Where each public name lives; the rest of __all__ are the errors in ._exceptions.
_HOMES = {
    "Oruel": "._client",
    "AsyncOruel": "._client",
    "Stream": "._streaming",
    "AsyncStream": "._streaming",
    "accumulate_chunks": "._accumulate",
    "UNSET": ".types",
    "Unset": ".types",
}


def __getattr__(name: str) -> Any:
    module = _HOMES.get(name, "._exceptions" if name in __all__ else None)
    if module is None:
        raise AttributeError(f"module 'oruel_client' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
