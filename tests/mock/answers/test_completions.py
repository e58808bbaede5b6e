"""Text completions: one choice per prompt."""

from __future__ import annotations

import httpx

from ..helpers import assert_spec_valid


def test_text_completion_one_choice_per_prompt(client: httpx.Client) -> None:
    response = client.post("/completions", json={"model": "m", "prompt": ["One", "Two"], "seed": 9, "max_tokens": 4})
    assert_spec_valid("post", "/completions", response)
    answer = response.json()
    assert answer["object"] == "text_completion"
    assert [c["index"] for c in answer["choices"]] == [0, 1]
    assert all(len(c["text"].split()) == 4 and c["finish_reason"] == "length" for c in answer["choices"])
    assert answer["usage"]["completion_tokens"] == 8
