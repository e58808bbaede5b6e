"""``oruel embed`` (``oruel_client.cli.embed``): a summary line per vector, or the JSON response."""

from __future__ import annotations

import json
from typing import Any

from .support import run


def test_embed_prints_a_line_per_text_or_the_json(mock: Any) -> None:
    proc = run("embed", "one", "two", "--model", "bge-m3", base_url=mock.url)
    assert proc.returncode == 0
    assert [line.split(":")[0] for line in proc.stdout.splitlines()] == ["0", "1"]
    proc = run("embed", "one", "--model", "bge-m3", "--json", base_url=mock.url)
    assert isinstance(json.loads(proc.stdout)["data"][0]["embedding"], list)
