"""The spec's operations and the router that finds one for a request path.

Paths may hold templates in any case (``/files/{file_id}``, ``/batches/{batchId}/cancel``). A path is
matched segment by segment; where a literal and a template both fit a segment, the literal wins
(``/files/search`` before ``/files/{file_id}``), as the OpenAPI specification asks. No operation for the
path: 404; a known path with another method: 405 with ``Allow``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import unquote

from .replies import ApiError
from .spec import Spec

__all__ = ["HTTP_METHODS", "Operation", "Router", "operation_id_for", "operations"]

HTTP_METHODS: Final = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_TEMPLATE: Final = re.compile(r"^\{([^{}]+)\}$")


@dataclass(frozen=True, slots=True)
class Operation:
    operation_id: str
    method: str
    path: str
    public: bool
    has_body: bool
    spec: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    body_required: bool = False


def operation_id_for(method: str, path: str) -> str:
    """A name for an operation without ``operationId``, from its method and path (``get_files_file_id``)."""
    words = re.sub(r"[^0-9A-Za-z]+", "_", path).strip("_")
    return f"{method.lower()}_{words}" if words else method.lower()


def operations(document: Mapping[str, Any]) -> dict[str, dict[str, Operation]]:
    """The spec's operations by path (relative to the base path), then by upper-case method."""
    default_security = document.get("security", [])
    resolve = Spec(document).resolve
    table: dict[str, dict[str, Operation]] = {}
    for path, item in (document.get("paths") or {}).items():
        if not isinstance(item, Mapping):
            continue
        for method in HTTP_METHODS:
            op = item.get(method)
            if not isinstance(op, Mapping):
                continue
            public = not op.get("security", default_security)
            body = resolve(op.get("requestBody"))
            table.setdefault(path, {})[method.upper()] = Operation(
                str(op.get("operationId") or operation_id_for(method, path)),
                method.upper(),
                path,
                public,
                isinstance(body, Mapping),
                op,
                bool(isinstance(body, Mapping) and body.get("required")),
            )
    return table


@dataclass(slots=True)
class _Node:
    literals: dict[str, _Node] = field(default_factory=dict)
    template: _Node | None = None
    methods: dict[str, Operation] | None = None
    params: tuple[str, ...] = ()


class Router:
    """Finds the operation (and its path parameters) for a method and a path relative to the base path."""

    def __init__(self, table: Mapping[str, Mapping[str, Operation]]) -> None:
        self._root = _Node()
        self._exact: dict[str, dict[str, Operation]] = {}
        for path, methods in table.items():
            node, params = self._root, []
            for segment in path.strip("/").split("/") if path.strip("/") else []:
                match = _TEMPLATE.match(segment)
                if match is None:
                    node = node.literals.setdefault(segment, _Node())
                else:
                    params.append(match.group(1))
                    node.template = node.template or _Node()
                    node = node.template
            node.methods = {**(node.methods or {}), **methods}
            node.params = tuple(params)
            if not params:
                self._exact[path] = dict(methods)

    def match(self, method: str, path: str) -> tuple[Operation, dict[str, str]]:
        """The operation and its path parameters (decoded); ApiError 404 or 405 otherwise."""
        methods = self._exact.get(path)
        values: list[str] = []
        node: _Node | None = None
        if methods is None:
            segments = path.strip("/").split("/") if path.strip("/") else []
            if path.endswith("/") and segments:
                segments.append("")  # "/files/" is not "/files"
            node = _find(self._root, segments, 0, values)
            methods = node.methods if node is not None else None
        if methods is None:
            raise ApiError(404, f"Unknown request URL: {method} {path}.", code="unknown_url")
        if method not in methods:
            allow = ", ".join(sorted(methods))
            raise ApiError(
                405, f"Method {method} not allowed for {path}; use {allow}.", code="method_not_allowed",
                headers=[("allow", allow)],
            )  # fmt: skip
        params = dict(zip(node.params, values, strict=True)) if node is not None else {}
        return methods[method], params


def _find(node: _Node, segments: list[str], index: int, values: list[str]) -> _Node | None:
    # Depth first, literal before template: backtracks when a literal branch has no operation further on.
    if index == len(segments):
        return node if node.methods is not None else None
    segment = segments[index]
    literal = node.literals.get(segment)
    if literal is not None:
        found = _find(literal, segments, index + 1, values)
        if found is not None:
            return found
    if node.template is not None and segment:
        values.append(unquote(segment))
        found = _find(node.template, segments, index + 1, values)
        if found is not None:
            return found
        values.pop()
    return None
