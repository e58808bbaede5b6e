"""Speed-ups of openapi-python-client 0.29.1 (the exact version pinned in render.PINNED) and of the Jinja
environment it renders with, that leave what it makes unchanged; applied only where our generator calls it.

- `Endpoint.sort_parameters` deep-copies the endpoint before sorting its path parameters: with every response
  model reachable from it, that copy is about 60% of the parser's time on a large spec (1.3 s of CPU on the
  whole OpenAI document). The endpoint it is given is a fresh object that `EndpointCollection.from_data`
  replaces with the result at once and never reads again, so sorting a shallow copy (with its own
  parameter list) gives the same endpoint. Its response and body properties stay the ones the parser built
  instead of copies of them; nothing mutates them afterwards.
- Jinja asks, at every `{% import %}` in a template (about 32,000 on that spec), which of the caller's globals
  the imported template lacks: `context keys - template.globals.keys()`, which a `ChainMap`'s keys answer one
  key at a time in Python (0.6 s of CPU there). `fast_template_globals` gives templates globals whose keys are
  a plain set, same content, computed when asked (so later changes to the environment's globals still show).
"""

from __future__ import annotations

import re
from collections import ChainMap
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from copy import copy
from typing import Any


def _sort_parameters(*, endpoint: Any) -> Any:
    """Endpoint.sort_parameters of 0.29.1, on a shallow copy: same order, same error, same renamed path."""
    from openapi_python_client.parser.errors import ParseError
    from openapi_python_client.parser.openapi import _PATH_PARAM_REGEX
    from openapi_python_client.schema.untrusted_string import UntrustedString

    endpoint = copy(endpoint)
    endpoint.path_parameters = list(endpoint.path_parameters)
    from_path = re.findall(_PATH_PARAM_REGEX, endpoint.path.get_untrusted_value())
    try:
        endpoint.path_parameters.sort(key=lambda param: from_path.index(param.name))
    except ValueError:
        pass  # told below, as upstream does
    if from_path != [param.name for param in endpoint.path_parameters]:
        return ParseError(
            detail=f"Incorrect path templating for {endpoint.path.get_untrusted_value()} "
            "(Path parameters do not match with path)",
        )
    for parameter in endpoint.path_parameters:
        endpoint.path = UntrustedString(
            endpoint.path.get_untrusted_value().replace(
                f"{{{parameter.name.get_untrusted_value()}}}", f"{{{parameter.python_name}}}"
            )
        )
    return endpoint


@contextmanager
def patched() -> Iterator[None]:
    """The parser with the speed-ups above, restored on exit (even when it raises)."""
    from openapi_python_client.parser.openapi import Endpoint

    original = Endpoint.__dict__["sort_parameters"]
    Endpoint.sort_parameters = staticmethod(_sort_parameters)  # type: ignore[method-assign]
    try:
        yield
    finally:
        Endpoint.sort_parameters = original  # type: ignore[method-assign]


class _Globals(ChainMap[str, Any]):
    """A template's globals over the environment's, as jinja2 makes them, whose keys() is a set (set difference
    in C)."""

    def keys(self) -> set[str]:  # type: ignore[override]
        return set().union(*self.maps)


def fast_template_globals(env: Any) -> None:
    """Templates env loads from now on get `_Globals` (jinja2's Environment.make_globals, but that class)."""

    def make_globals(d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return _Globals({} if d is None else d, env.globals)

    env.make_globals = make_globals
