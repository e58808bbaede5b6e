"""``oruel models`` (``oruel_client.cli.models``): the model ids, or the JSON response."""

from __future__ import annotations

import json
from typing import Any

from .support import run


def test_models_lists_the_ids_or_the_json(mock: Any) -> None:
    proc = run("models", base_url=mock.url)
    assert "llama-4-maverick" in proc.stdout.split()
    assert json.loads(run("models", "--json", base_url=mock.url).stdout)["object"] == "list"
