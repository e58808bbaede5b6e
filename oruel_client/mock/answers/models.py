"""``listModels``: a fixed catalogue (public: no key needed, as the spec's ``security`` says)."""

from __future__ import annotations

from typing import Any, Final

from ..replies import Reply, Request, json_bytes

__all__ = ["MODELS", "answer"]

MODELS: Final[tuple[dict[str, Any], ...]] = (
    {"id": "llama-4-maverick", "object": "model", "created": 1743897600, "owned_by": "meta"},
    {"id": "llama-4-scout", "object": "model", "created": 1743897600, "owned_by": "meta"},
    {"id": "qwen3-235b-a22b", "object": "model", "created": 1745884800, "owned_by": "qwen"},
    {"id": "deepseek-v3", "object": "model", "created": 1735084800, "owned_by": "deepseek"},
    {"id": "bge-m3", "object": "model", "created": 1706486400, "owned_by": "baai"},
    {"id": "flux-1-schnell", "object": "model", "created": 1722470400, "owned_by": "black-forest-labs"},
    {"id": "kokoro-82m", "object": "model", "created": 1735689600, "owned_by": "hexgrad"},
)
_BODY: Final = json_bytes({"object": "list", "data": list(MODELS)})


def answer(request: Request) -> Reply:
    return Reply(200, _BODY, "application/json")
