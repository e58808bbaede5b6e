"""Helpers shared by the answer builders: the spec's defaults, mock control headers, ids, usage."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any, Final

from ..._generated.document import DOCUMENT
from ..replies import ApiError

__all__ = ["CHUNKS_HEADER", "MAX_CHUNKS", "hex_id", "int_header", "spec_default", "stops", "tier_header", "usage"]

CHUNKS_HEADER: Final = "x-oruel-mock-chunks"
MAX_CHUNKS: Final = 1_000_000


def spec_default(schema: str, prop: str) -> Any:
    """A request field's server default, as the spec states it."""
    return DOCUMENT["components"]["schemas"][schema]["properties"][prop].get("default")


def tier_header(body: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``x-oruel-tier``: the tier asked for (chat and text completions)."""
    return [("x-oruel-tier", str(body.get("tier", spec_default("SamplingParameters", "tier"))))]


def int_header(headers: Mapping[str, str], name: str, low: int, high: int) -> int | None:
    raw = headers.get(name)
    if raw is None:
        return None
    try:
        value = int(raw)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise ApiError(400, f"{name} must be a whole number from {low} to {high}", code="invalid_header", param=name)
    return value


def stops(stop: Any) -> list[str]:
    if isinstance(stop, str):
        return [stop]
    return [s for s in stop if isinstance(s, str)] if isinstance(stop, list) else []


def hex_id(seed: int, salt: str) -> str:
    return hashlib.sha256(f"{salt}:{seed}".encode()).hexdigest()[:24]


def usage(prompt: int, completion: int) -> dict[str, int]:
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}
