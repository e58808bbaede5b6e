"""The model list."""

from __future__ import annotations

import httpx

from oruel_client.mock import MODELS


def test_models(client: httpx.Client) -> None:
    answer = client.get("/models").json()
    assert answer["object"] == "list"
    assert [m["id"] for m in answer["data"]] == [m["id"] for m in MODELS]
