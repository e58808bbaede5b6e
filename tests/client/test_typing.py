"""What a type checker sees: `stream=True` gives a Stream of typed chunks, otherwise the typed completion
(overloads generated from the spec); a stream's final completion, raw responses and the endpoint functions are
typed too; plain dicts are accepted for messages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SNIPPET = """
from oruel_client import AsyncOruel, Oruel
from oruel_client.api.chat import create_chat_completion
from oruel_client.models.params import ChatMessageParam

client = Oruel(api_key="oruel_x")
msgs: list[ChatMessageParam] = [{"role": "user", "content": "hi"}]
flag: bool = bool(len(msgs))
reveal_type(client.chat.completions.create(model="m", messages=msgs))
reveal_type(client.chat.completions.create(model="m", messages=msgs, stream=True))
reveal_type(client.chat.completions.create(model="m", messages=msgs, stream=flag))
reveal_type(client.embeddings.create(model="m", input=["a", "b"]))
reveal_type(client.chat.completions.create(model="m", messages=msgs, stream=True).get_final_completion())
reveal_type(client.completions.create(model="m", prompt="x", stream=True).get_final_completion())
reveal_type(client.chat.completions.with_raw_response.create(model="m", messages=msgs))
reveal_type(client.chat.completions.with_raw_response.create(model="m", messages=msgs).parse())
reveal_type(create_chat_completion.sync(client=client, body={"model": "m", "messages": msgs}))
reveal_type(create_chat_completion.sync_detailed(client=client, body={"model": "m", "messages": msgs}))
reveal_type(create_chat_completion.sync_stream(client=client, body={"model": "m", "messages": msgs}))


async def main() -> None:
    aclient = AsyncOruel(api_key="oruel_x")
    reveal_type(await aclient.chat.completions.create(model="m", messages=msgs, stream=True))
    reveal_type(await aclient.completions.create(model="m", prompt="x"))
"""

EXPECTED = [
    "oruel_client.models.chat_completion.ChatCompletion",
    "oruel_client._streaming.Stream[oruel_client.models.chat_completion_chunk.ChatCompletionChunk]",
    "oruel_client.models.chat_completion.ChatCompletion | "
    "oruel_client._streaming.Stream[oruel_client.models.chat_completion_chunk.ChatCompletionChunk]",
    "oruel_client.models.embedding_response.EmbeddingResponse",
    "oruel_client.models.chat_completion.ChatCompletion",
    "oruel_client.models.text_completion.TextCompletion",
    "oruel_client._response.APIResponse[oruel_client.models.chat_completion.ChatCompletion]",
    "oruel_client.models.chat_completion.ChatCompletion",
    "oruel_client.models.chat_completion.ChatCompletion",
    "oruel_client._response.APIResponse[oruel_client.models.chat_completion.ChatCompletion]",
    "oruel_client._streaming.Stream[oruel_client.models.chat_completion_chunk.ChatCompletionChunk]",
    "oruel_client._streaming.AsyncStream[oruel_client.models.chat_completion_chunk.ChatCompletionChunk]",
    "oruel_client.models.text_completion.TextCompletion",
]


def test_overloads_give_precise_types(tmp_path: Path) -> None:
    snippet = tmp_path / "snippet.py"
    snippet.write_text(SNIPPET)
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(snippet)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    ).stdout
    revealed = [line.split('Revealed type is "', 1)[1].rstrip('"') for line in out.splitlines() if "Revealed" in line]
    assert revealed == EXPECTED, out
    assert "error" not in out, out
