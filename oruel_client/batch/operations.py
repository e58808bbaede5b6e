"""Which generated operation a batch line's ``url`` names.

The table is built from the generated endpoint modules (``PATH_TEMPLATE``, ``HTTP_METHOD``) and the generated
``OPERATIONS`` (what a success answer is), so an operation added to openapi.yaml is batchable after
regeneration. Nothing here names a path.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Final
from urllib.parse import urlsplit

from .._generated.rules import BASE_URL, OPERATIONS

__all__ = ["Operation", "find_operation", "batchable_operations"]

# OpenAI batch files name URLs with the API version in front (``/v1/chat/completions``): one leading
# ``/v<digits>`` segment is accepted in front of any operation path.
_VERSION_PREFIX: Final = re.compile(r"^/v\d+(?=/)")


@dataclass(frozen=True, slots=True)
class Operation:
    module: ModuleType
    operation_id: str
    method: str
    path: str
    pattern: re.Pattern[str]
    has_body: bool


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{([^}]+)\}", template)
    regex = "".join(
        re.escape(part) if i % 2 == 0 else f"(?P<{_identifier(part)}>[^/]+)" for i, part in enumerate(parts)
    )
    return re.compile(regex + "$")


def _identifier(name: str) -> str:
    """A path parameter's Python name, as the generator spells build_request's keywords (snake case)."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", re.sub(r"\W", "_", name)).lower()


@cache
def batchable_operations() -> tuple[Operation, ...]:
    """Every generated operation whose success answer is JSON (streams and audio bodies are not batchable)."""
    from .. import api

    found: list[Operation] = []
    for info in pkgutil.walk_packages(api.__path__, api.__name__ + "."):
        if info.ispkg:
            continue
        module = importlib.import_module(info.name)
        op_id = getattr(module, "OPERATION_ID", None)
        if op_id is None or op_id not in OPERATIONS:
            continue
        accept = str(OPERATIONS[op_id].get("accept") or "")
        if "application/json" not in [a.strip() for a in accept.split(",")]:
            continue
        template: str = module.PATH_TEMPLATE
        found.append(
            Operation(
                module=module,
                operation_id=op_id,
                method=str(module.HTTP_METHOD).upper(),
                path=template,
                pattern=_pattern(template),
                has_body=module.BODY_SCHEMA is not None,
            )
        )
    return tuple(found)


def _candidates(path: str) -> list[str]:
    """The path itself, then without the base URL's path, then without a leading API version segment."""
    out = [path]
    base = urlsplit(BASE_URL).path.rstrip("/")
    if base and path.startswith(base + "/"):
        out.append(path[len(base) :])
    stripped = _VERSION_PREFIX.sub("", path, count=1)
    if stripped != path:
        out.append(stripped)
    return out


def find_operation(method: str, url: str) -> tuple[Operation, dict[str, str]] | str:
    """The operation and its path parameters, or a sentence saying why none matches."""
    path = urlsplit(url).path
    if not path.startswith("/"):
        path = "/" + path
    same_path: list[str] = []
    for candidate in _candidates(path):
        for op in batchable_operations():
            match = op.pattern.match(candidate)
            if match is None:
                continue
            if op.method != method.upper():
                same_path.append(op.method)
                continue
            return op, match.groupdict()
    if same_path:
        return f"method {method.upper()} is not allowed for {url}; use {', '.join(sorted(set(same_path)))}"
    known = ", ".join(sorted({f"{op.method} {op.path}" for op in batchable_operations()}))
    return f"unknown url {url!r}; batchable operations: {known}"
