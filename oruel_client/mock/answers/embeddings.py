"""``createEmbedding``: one deterministic unit vector per input, as floats or base64 (little-endian float32)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from .. import content
from ..replies import Reply, Request, json_bytes
from ._common import int_header, spec_default

__all__ = ["DIM_HEADER", "MAX_DIM", "answer"]

DIM_HEADER: Final = "x-oruel-mock-dim"
MAX_DIM: Final = 16_384


def answer(request: Request) -> Reply:
    body: Mapping[str, Any] = request.body
    inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
    dim = int_header(request.headers, DIM_HEADER, 1, MAX_DIM) or content.EMBEDDING_DIM
    encoding = body.get("encoding_format") or spec_default("EmbeddingRequest", "encoding_format")
    vector = content.embedding_base64 if encoding == "base64" else content.embedding_floats
    data = [{"object": "embedding", "index": i, "embedding": vector(text, dim)} for i, text in enumerate(inputs)]
    tokens = max(1, sum(content.count_tokens(text) for text in inputs))
    result = {
        "object": "list",
        "data": data,
        "model": body["model"],
        "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
    }
    return Reply(200, json_bytes(result), "application/json")
