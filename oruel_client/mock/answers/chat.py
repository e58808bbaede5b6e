"""``createChatCompletion``: deterministic text (JSON text in JSON mode), or a call of the tool the request
names or the user mentions; streamed with ``stream: true``. Answers carry ``x-oruel-tier``."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from .. import content
from ..replies import ApiError, EventStream, Reply, Request, json_bytes
from ..streaming import Choice, chat_events, tool_call_events
from ._common import CHUNKS_HEADER, MAX_CHUNKS, hex_id, int_header, stops, tier_header, usage

__all__ = ["answer", "chosen_tool"]


def answer(request: Request) -> Reply | EventStream:
    body: Mapping[str, Any] = request.body
    seed = content.request_seed(body)
    messages = body["messages"]
    prompt_tokens = max(1, sum(content.count_tokens(content.message_text(m.get("content"))) for m in messages))
    tier = tier_header(body)
    base = {
        "id": "chatcmpl-" + hex_id(seed, "chat"),
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": body["model"],
    }
    tool = chosen_tool(body)
    chunks = int_header(request.headers, CHUNKS_HEADER, 1, MAX_CHUNKS)
    streaming = body.get("stream") is True

    if tool is not None and chunks is None:
        function = tool["function"]
        call_id = "call_" + hex_id(seed, function["name"])
        arguments = content.tool_arguments(function.get("parameters"), seed)
        counts = usage(prompt_tokens, content.count_tokens(arguments))
        if streaming:
            return EventStream(tool_call_events(base, call_id, function["name"], arguments, counts), tier)
        call = {"id": call_id, "type": "function", "function": {"name": function["name"], "arguments": arguments}}
        message: dict[str, Any] = {"role": "assistant", "content": None, "tool_calls": [call]}
        return _reply(base, message, "tool_calls", counts, tier)

    if chunks is not None:
        choice = Choice(["x"] * chunks, "stop", chunks)
    else:
        json_mode = (body.get("response_format") or {}).get("type") == "json_object"
        generate = content.generate_json_text if json_mode else content.generate_text
        result = generate(seed, max_tokens=body.get("max_tokens"), stop=stops(body.get("stop")))
        choice = Choice(content.split_pieces(result.text), result.finish_reason, result.completion_tokens)
    counts = usage(prompt_tokens, choice.completion_tokens)
    if streaming:
        return EventStream(chat_events(base, choice, counts), tier, batch=chunks is not None)
    message = {"role": "assistant", "content": "".join(choice.pieces)}
    return _reply(base, message, choice.finish_reason, counts, tier)


def _reply(
    base: Mapping[str, Any],
    message: Mapping[str, Any],
    finish: str,
    counts: Mapping[str, int],
    headers: list[tuple[str, str]],
) -> Reply:
    answer = {
        **base,
        "object": "chat.completion",
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": counts,
    }
    return Reply(200, json_bytes(answer), "application/json", headers)


def chosen_tool(body: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The tool to call: the one tool_choice names, or with "auto" (the default when tools are offered) the
    first tool whose name the last user message mentions. Also enforces the documented rules the schema
    cannot state: tool names are unique, and a named tool_choice names an offered tool."""
    tools = body.get("tools") or []
    by_name: dict[str, Mapping[str, Any]] = {}
    for index, tool in enumerate(tools):
        name = tool["function"]["name"]
        if name in by_name:
            raise ApiError(
                400, f"Tool names must be unique; {name!r} appears twice.", code="invalid_parameter",
                param=f"tools.{index}.function.name",
            )  # fmt: skip
        by_name[name] = tool
    choice = body.get("tool_choice")
    if isinstance(choice, Mapping):
        name = choice["function"]["name"]
        if name not in by_name:
            raise ApiError(
                400, f"tool_choice names {name!r}, which is not among the tools.", code="invalid_parameter",
                param="tool_choice.function.name",
            )  # fmt: skip
        return by_name[name]
    if choice == "none" or not by_name:
        return None
    last_user = next((m for m in reversed(body["messages"]) if m.get("role") == "user"), None)
    text = content.message_text(last_user.get("content")) if last_user else ""
    return next((tool for name, tool in by_name.items() if name in text), None)
