"""Test helpers: a local Oru-el-compatible server for your own tests (the ``testing`` extra).

Installed with ``pip install 'oruel-client[testing]'``, this module is a pytest plugin (entry point
``pytest11``): the ``oruel_mock_server`` fixture is available in every test with no import.

    def test_hello(oruel_mock_server):
        client = Oruel(api_key=MOCK_API_KEY, base_url=oruel_mock_server.url)

The fixture is session-scoped: one server for the whole run. Give each fault-injection test its own
``x-oruel-mock-fault-id`` so that counts do not leak between tests.

The server is imported only when the fixture is used, so that loading the plugin stays cheap and never fails
in an environment that has pytest but not the ``mock`` extra.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .mock.server import MockServer

__all__ = ["MOCK_API_KEY", "oruel_mock_server", "start_mock_server"]

# Shaped like a real key (oruel_ and 48 hex characters); the mock accepts any key starting with oruel_.
MOCK_API_KEY = "oruel_" + "0" * 48


def start_mock_server(
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    validate: bool = True,
    spec: str | os.PathLike[str] | Mapping[str, Any] | None = None,
) -> MockServer:
    """A started MockServer in a background thread; stop it with ``stop()`` or use it in a ``with``.

    ``spec``: an OpenAPI document (a YAML/JSON file or a parsed dict) to serve instead of the embedded one;
    one the server cannot use raises ``oruel_client.mock.spec.SpecError`` naming the JSON pointer."""
    try:
        from .mock.server import MockServer
    except ImportError as exc:
        raise ImportError(
            f"the local Oru-el server needs the mock extra: pip install 'oruel-client[testing]' ({exc})"
        ) from exc
    return MockServer(host, port, validate=validate, spec=spec).start()


@pytest.fixture(scope="session")
def oruel_mock_server() -> Iterator[MockServer]:
    """A started local server for the whole test session; its base URL is ``.url``."""
    with start_mock_server() as server:
        yield server
