"""Run properties 1-3 (test_requests, test_rejections, test_responses) unchanged against whatever ``oruel_client``
is first on sys.path, and print as JSON what they exercised. Used by test_self_coverage.py in a subprocess whose
``oruel_client`` was regenerated from an edited copy of the spec.

Usage: python -m tests.contract.self_coverage_driver (with the package under test first on sys.path)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

import oruel_client
import oruel_client._generated.rules  # imported before pytest puts the repository on sys.path, so this package is used

HERE = Path(__file__).resolve().parent
PROPERTY_FILES = ["test_requests.py", "test_rejections.py", "test_responses.py"]


class Outcomes:
    """A pytest plugin that keeps the id and outcome of every test that ran."""

    def __init__(self) -> None:
        self.outcomes: dict[str, str] = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call" or report.outcome != "passed":
            self.outcomes[report.nodeid] = report.outcome


def main() -> int:
    settings.register_profile("self-coverage", max_examples=50, database=None, derandomize=True, deadline=None)
    outcomes = Outcomes()
    code = pytest.main(
        [
            *(str(HERE / f) for f in PROPERTY_FILES),
            "-q",
            "-p",
            "no:cacheprovider",
            "--hypothesis-profile",
            "self-coverage",
        ],
        plugins=[outcomes],
    )
    from tests.contract import support

    summary: dict[str, Any] = {
        "package": str(Path(oruel_client.__file__).parent),
        "spec_module": oruel_client._generated.rules.__file__,
        "exit_code": int(code),
        "outcomes": outcomes.outcomes,
        "sent_paths": {op: sorted(paths) for op, paths in support.SENT_PATHS.items()},
    }
    print("SELF-COVERAGE-SUMMARY " + json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
