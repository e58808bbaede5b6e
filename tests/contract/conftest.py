"""Fixtures of the contract properties.

The default run keeps each property to a handful of examples (see ``support.examples``), so that
``pytest tests/contract`` stays within a few minutes on 2 cores; ``--hypothesis-profile ci-long`` (registered in
tests/conftest.py) runs every property with ten times as many examples.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.contract.support import RecorderSession, recorder_session


@pytest.fixture(scope="session")
def rec_session() -> Iterator[RecorderSession]:
    """One recording server for the session, and the spec (openapi-core) with its servers pointed at it."""
    yield from recorder_session()
