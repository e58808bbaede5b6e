"""``createCompletion`` (text completions): one choice per prompt, streamed with ``stream: true``. Answers
carry ``x-oruel-tier``."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from .. import content
from ..replies import EventStream, Reply, Request, json_bytes
from ..streaming import Choice, text_events
from ._common import CHUNKS_HEADER, MAX_CHUNKS, hex_id, int_header, stops, tier_header, usage

__all__ = ["answer"]


def answer(request: Request) -> Reply | EventStream:
    body: Mapping[str, Any] = request.body
    seed = content.request_seed(body)
    prompts = body["prompt"] if isinstance(body["prompt"], list) else [body["prompt"]]
    chunks = int_header(request.headers, CHUNKS_HEADER, 1, MAX_CHUNKS)
    choices: list[Choice] = []
    for index in range(len(prompts)):
        if chunks is not None:
            choices.append(Choice(["x"] * chunks, "stop", chunks))
            continue
        result = content.generate_text(
            seed + index, max_tokens=body.get("max_tokens"), stop=stops(body.get("stop")), lead=" "
        )
        choices.append(Choice(content.split_pieces(result.text), result.finish_reason, result.completion_tokens))
    counts = usage(
        max(1, sum(content.count_tokens(p) for p in prompts if isinstance(p, str))),
        sum(c.completion_tokens for c in choices),
    )
    base = {
        "id": "cmpl-" + hex_id(seed, "text"),
        "object": "text_completion",
        "created": int(time.time()),
        "model": body["model"],
    }
    tier = tier_header(body)
    if body.get("stream") is True:
        return EventStream(text_events(base, choices, counts), tier, batch=chunks is not None)
    out = [{"index": i, "text": "".join(c.pieces), "finish_reason": c.finish_reason} for i, c in enumerate(choices)]
    return Reply(200, json_bytes({**base, "choices": out, "usage": counts}), "application/json", tier)
