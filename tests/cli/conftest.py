"""The local Oru-el server the CLI tests talk to: one per test module, so that ``mock.requests`` holds only the
module's own requests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="module")
def mock() -> Iterator[Any]:
    from oruel_client.mock.server import MockServer

    with MockServer() as server:
        yield server
