"""The answers: deterministic, spec-valid, honouring the request's fields; over real HTTP."""

from __future__ import annotations

import base64
import copy
import json
import shutil
import struct
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters

from oruel_client._generated.document import DOCUMENT
from oruel_client.mock import BASE_PATH, MODELS, MockServer
from oruel_client.mock.app import operations

from .conftest import HELLO, chunks

CHAT = "/chat/completions"
WEATHER = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "The weather in a city.",
        "parameters": {
            "type": "object",
            "properties": {
                "city": {"type": "string"},
                "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
                "days": {"type": "integer", "minimum": 1, "maximum": 7},
                "hourly": {"type": "boolean"},
            },
            "required": ["city"],
        },
    },
}


class _Request:
    host_url = "http://mock"

    def __init__(self, method: str, path: str) -> None:
        self.method, self.path, self.body, self.content_type = method, BASE_PATH + path, None, "application/json"
        self.parameters = RequestParameters()


class _Response:
    def __init__(self, status_code: int, content_type: str, data: bytes) -> None:
        self.status_code, self.content_type, self.data = status_code, content_type, data
        self.headers: dict[str, str] = {}


def _spec_checker() -> OpenAPI:
    document = copy.deepcopy(DOCUMENT)
    document["servers"] = [{"url": BASE_PATH}]
    # Each stream chunk is checked on its own, as a text/event-stream "body" holding that chunk's JSON.
    config = Config(extra_media_type_deserializers={"text/event-stream": json.loads})
    return OpenAPI.from_dict(document, config=config)


SPEC = _spec_checker()


def assert_spec_valid(method: str, path: str, response: httpx.Response) -> None:
    """The response (or each chunk of a stream) is valid for the spec, checked by openapi-core."""
    content_type = response.headers["content-type"]
    if content_type.startswith("text/event-stream"):
        for chunk in chunks(response.content):
            SPEC.validate_response(
                _Request(method, path), _Response(200, "text/event-stream", json.dumps(chunk).encode())
            )
    else:
        SPEC.validate_response(_Request(method, path), _Response(response.status_code, content_type, response.content))


def chat(client: httpx.Client, **fields: Any) -> httpx.Response:
    response = client.post(CHAT, json={"model": "llama-4-maverick", "messages": HELLO, **fields})
    assert response.status_code == 200, response.text
    assert_spec_valid("post", CHAT, response)
    return response


def content_of(response: httpx.Response) -> str:
    text: str = response.json()["choices"][0]["message"]["content"]
    return text


# ---------------------------------------------------------------------- every operation

SAMPLES: dict[str, tuple[str, str, dict[str, Any] | None]] = {
    "createChatCompletion": ("POST", "/chat/completions", {"model": "llama-4-maverick", "messages": HELLO}),
    "createCompletion": ("POST", "/completions", {"model": "llama-4-maverick", "prompt": "Once upon a time"}),
    "createEmbedding": ("POST", "/embeddings", {"model": "bge-m3", "input": "hello"}),
    "listModels": ("GET", "/models", None),
    "createImage": ("POST", "/images/generations", {"model": "flux-1-schnell", "prompt": "a red fox"}),
    "createSpeech": ("POST", "/audio/speech", {"model": "kokoro-82m", "input": "Hello there", "voice": "af"}),
}


def test_every_spec_operation_has_an_answer(client: httpx.Client) -> None:
    spec_operations = {op.operation_id: op for methods in operations().values() for op in methods.values()}
    assert set(spec_operations) == set(SAMPLES), "add a sample request for each new operation of the spec"
    for operation_id, (method, path, body) in SAMPLES.items():
        assert (spec_operations[operation_id].method, spec_operations[operation_id].path) == (method, path)
        response = client.request(method, path, json=body)
        assert response.status_code == 200, (operation_id, response.text)
        assert response.headers["x-request-id"].startswith("req_")
        if operation_id != "createSpeech":  # the spec says application/octet-stream; see test_speech_is_audio
            assert_spec_valid(method.lower(), path, response)


def test_models(client: httpx.Client) -> None:
    answer = client.get("/models").json()
    assert answer["object"] == "list"
    assert [m["id"] for m in answer["data"]] == [m["id"] for m in MODELS]


# ---------------------------------------------------------------------- chat: determinism and limits


def test_same_request_same_answer(client: httpx.Client) -> None:
    first, second = chat(client).json(), chat(client).json()
    assert first["id"] == second["id"]
    assert first["choices"] == second["choices"]
    assert first["usage"] == second["usage"]


def test_same_seed_same_answer_other_seed_other_answer(client: httpx.Client) -> None:
    assert content_of(chat(client, seed=7)) == content_of(chat(client, seed=7, temperature=1.5))
    assert content_of(chat(client, seed=7)) != content_of(chat(client, seed=8))
    other_messages = [{"role": "user", "content": "Something else"}]
    assert content_of(chat(client)) != content_of(chat(client, messages=other_messages))


def test_usage_counts_words(client: httpx.Client) -> None:
    answer = chat(client, seed=1).json()
    usage = answer["usage"]
    assert usage["prompt_tokens"] == 2  # "Hello there"
    assert usage["completion_tokens"] == len(answer["choices"][0]["message"]["content"].split())
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]
    assert answer["object"] == "chat.completion" and answer["model"] == "llama-4-maverick"


def test_max_tokens_cuts_with_finish_reason_length(client: httpx.Client) -> None:
    full = chat(client, seed=3).json()
    assert full["choices"][0]["finish_reason"] == "stop"
    words = full["choices"][0]["message"]["content"].split()
    cut = chat(client, seed=3, max_tokens=5).json()
    assert cut["choices"][0]["message"]["content"] == " ".join(words[:5])
    assert cut["choices"][0]["finish_reason"] == "length"
    assert cut["usage"]["completion_tokens"] == 5
    roomy = chat(client, seed=3, max_tokens=len(words)).json()
    assert roomy["choices"][0]["finish_reason"] == "stop"


def test_stop_cuts_before_the_first_stop_sequence(client: httpx.Client) -> None:
    text = content_of(chat(client, seed=4))
    words = text.split()
    stop_word = words[3]
    expected = text[: text.index(stop_word)]
    answer = chat(client, seed=4, stop=[stop_word, "zzz-not-there"]).json()
    assert answer["choices"][0]["message"]["content"] == expected
    assert answer["choices"][0]["finish_reason"] == "stop"
    assert content_of(chat(client, seed=4, stop=stop_word)) == expected
    # A stop sequence past the max_tokens cut is never reached.
    answer = chat(client, seed=4, max_tokens=2, stop=[stop_word]).json()
    assert answer["choices"][0]["finish_reason"] == "length"


def test_tier_is_reflected_in_a_header(client: httpx.Client) -> None:
    assert chat(client).headers["x-oruel-tier"] == "standard"
    assert chat(client, tier="turbo").headers["x-oruel-tier"] == "turbo"


def test_json_mode_content_is_a_json_object(client: httpx.Client) -> None:
    for seed in range(5):
        document = json.loads(content_of(chat(client, seed=seed, response_format={"type": "json_object"})))
        assert isinstance(document, dict) and document


def test_json_mode_cut_short_says_length(client: httpx.Client) -> None:
    answer = chat(client, seed=1, response_format={"type": "json_object"}, max_tokens=3).json()
    assert answer["choices"][0]["finish_reason"] == "length"
    with pytest.raises(json.JSONDecodeError):
        json.loads(answer["choices"][0]["message"]["content"])


# ---------------------------------------------------------------------- chat: streaming


def test_stream_framing(client: httpx.Client) -> None:
    response = chat(client, seed=5, stream=True)
    assert response.headers["content-type"].startswith("text/event-stream")
    parts = chunks(response.content)
    assert len(parts) > 2
    assert {(c["id"], c["created"], c["model"], c["object"]) for c in parts} == {
        (parts[0]["id"], parts[0]["created"], "llama-4-maverick", "chat.completion.chunk")
    }
    assert parts[0]["choices"][0]["delta"]["role"] == "assistant"
    # Oru-el's framing: finish_reason and usage together on the last content chunk, nowhere else.
    assert [c["choices"][0]["finish_reason"] for c in parts[:-1]] == [None] * (len(parts) - 1)
    assert all("usage" not in c for c in parts[:-1])
    last = parts[-1]
    assert last["choices"][0]["finish_reason"] == "stop"
    assert last["choices"][0]["delta"]["content"]
    streamed = "".join(c["choices"][0]["delta"]["content"] for c in parts)
    plain = chat(client, seed=5).json()
    assert streamed == plain["choices"][0]["message"]["content"]
    assert last["usage"] == plain["usage"]


def test_stream_honours_max_tokens(client: httpx.Client) -> None:
    parts = chunks(chat(client, seed=5, stream=True, max_tokens=1).content)
    assert len(parts) == 1
    assert parts[0]["choices"][0]["delta"]["role"] == "assistant"
    assert parts[0]["choices"][0]["finish_reason"] == "length"
    assert parts[0]["usage"]["completion_tokens"] == 1


def test_bench_chunks_header_streams_n_tiny_chunks_fast(client: httpx.Client) -> None:
    started = time.perf_counter()
    response = client.post(
        CHAT, json={"model": "m", "messages": HELLO, "stream": True}, headers={"x-oruel-mock-chunks": "20000"}
    )
    elapsed = time.perf_counter() - started
    parts = chunks(response.content)
    assert len(parts) == 20000
    assert "".join(c["choices"][0]["delta"]["content"] for c in parts) == "x" * 20000
    assert parts[-1]["usage"]["completion_tokens"] == 20000
    assert parts[-1]["choices"][0]["finish_reason"] == "stop"
    assert elapsed < 2.0
    plain = client.post(CHAT, json={"model": "m", "messages": HELLO}, headers={"x-oruel-mock-chunks": "3"})
    assert plain.json()["choices"][0]["message"]["content"] == "xxx"
    bad = client.post(CHAT, json={"model": "m", "messages": HELLO}, headers={"x-oruel-mock-chunks": "0"})
    assert (bad.status_code, bad.json()["error"]["param"]) == (400, "x-oruel-mock-chunks")


# ---------------------------------------------------------------------- chat: tools


def _check_arguments(arguments: str) -> dict[str, Any]:
    values: dict[str, Any] = json.loads(arguments)
    assert set(values) == {"city", "unit", "days", "hourly"}
    assert isinstance(values["city"], str)
    assert values["unit"] in ("celsius", "fahrenheit")
    assert isinstance(values["days"], int) and 1 <= values["days"] <= 7
    assert isinstance(values["hourly"], bool)
    return values


def test_named_tool_choice_gives_a_tool_call(client: httpx.Client) -> None:
    choice = {"type": "function", "function": {"name": "get_weather"}}
    answer = chat(client, tools=[WEATHER], tool_choice=choice).json()
    assert answer["choices"][0]["finish_reason"] == "tool_calls"
    message = answer["choices"][0]["message"]
    assert message["content"] is None
    (call,) = message["tool_calls"]
    assert call["type"] == "function" and call["id"].startswith("call_")
    assert call["function"]["name"] == "get_weather"
    _check_arguments(call["function"]["arguments"])
    assert answer["usage"]["completion_tokens"] > 0


def test_auto_calls_a_tool_the_user_mentions(client: httpx.Client) -> None:
    asks = [{"role": "user", "content": [{"type": "text", "text": "Please use get_weather for Oslo"}]}]
    answer = chat(client, messages=asks, tools=[WEATHER]).json()
    assert answer["choices"][0]["message"]["tool_calls"][0]["function"]["name"] == "get_weather"
    plain = chat(client, tools=[WEATHER], tool_choice="auto").json()  # "Hello there" names no tool
    assert plain["choices"][0]["finish_reason"] == "stop" and "tool_calls" not in plain["choices"][0]["message"]
    none = chat(client, messages=asks, tools=[WEATHER], tool_choice="none").json()
    assert none["choices"][0]["message"]["content"]


def test_streamed_tool_call(client: httpx.Client) -> None:
    choice = {"type": "function", "function": {"name": "get_weather"}}
    parts = chunks(chat(client, tools=[WEATHER], tool_choice=choice, stream=True).content)
    first = parts[0]["choices"][0]["delta"]
    assert first["role"] == "assistant"
    opening = first["tool_calls"][0]
    assert opening["index"] == 0 and opening["type"] == "function" and opening["function"]["name"] == "get_weather"
    pieces = [c["choices"][0]["delta"]["tool_calls"][0] for c in parts]
    assert all(p["index"] == 0 for p in pieces)
    assert len(parts) > 3  # the arguments arrive in several pieces
    arguments = "".join(p["function"]["arguments"] for p in pieces)
    plain = chat(client, tools=[WEATHER], tool_choice=choice).json()
    assert arguments == plain["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"]
    _check_arguments(arguments)
    assert parts[-1]["choices"][0]["finish_reason"] == "tool_calls"
    assert parts[-1]["usage"] == plain["usage"]


# ---------------------------------------------------------------------- text completions


def test_text_completion_one_choice_per_prompt(client: httpx.Client) -> None:
    response = client.post("/completions", json={"model": "m", "prompt": ["One", "Two"], "seed": 9, "max_tokens": 4})
    assert_spec_valid("post", "/completions", response)
    answer = response.json()
    assert answer["object"] == "text_completion"
    assert [c["index"] for c in answer["choices"]] == [0, 1]
    assert all(len(c["text"].split()) == 4 and c["finish_reason"] == "length" for c in answer["choices"])
    assert answer["usage"]["completion_tokens"] == 8


def test_text_completion_stream(client: httpx.Client) -> None:
    body = {"model": "m", "prompt": "Once", "seed": 2}
    plain = client.post("/completions", json=body).json()
    response = client.post("/completions", json={**body, "stream": True})
    assert_spec_valid("post", "/completions", response)
    parts = chunks(response.content)
    assert "".join(c["choices"][0]["text"] for c in parts) == plain["choices"][0]["text"]
    assert parts[-1]["choices"][0]["finish_reason"] == "stop" and parts[-1]["usage"] == plain["usage"]
    assert all(c["choices"][0]["finish_reason"] is None and "usage" not in c for c in parts[:-1])


# ---------------------------------------------------------------------- embeddings, images, speech


def test_embeddings_one_vector_per_input(client: httpx.Client) -> None:
    answer = client.post("/embeddings", json={"model": "bge-m3", "input": ["a", "b", "a"]}).json()
    vectors = [d["embedding"] for d in answer["data"]]
    assert [d["index"] for d in answer["data"]] == [0, 1, 2]
    assert len(vectors) == 3 and all(len(v) == 64 for v in vectors)
    assert vectors[0] == vectors[2] != vectors[1]
    assert abs(sum(x * x for x in vectors[0]) - 1) < 1e-5


def test_embeddings_base64_is_little_endian_float32(client: httpx.Client) -> None:
    floats = client.post("/embeddings", json={"model": "bge-m3", "input": "hello"}).json()["data"][0]["embedding"]
    response = client.post("/embeddings", json={"model": "bge-m3", "input": "hello", "encoding_format": "base64"})
    assert_spec_valid("post", "/embeddings", response)
    raw = base64.b64decode(response.json()["data"][0]["embedding"])
    assert list(struct.unpack(f"<{len(raw) // 4}f", raw)) == floats


def test_embeddings_dimension_header(client: httpx.Client) -> None:
    answer = client.post(
        "/embeddings", json={"model": "bge-m3", "input": ["a", "b"]}, headers={"x-oruel-mock-dim": "1024"}
    ).json()
    assert [len(d["embedding"]) for d in answer["data"]] == [1024, 1024]


def test_images_are_png(client: httpx.Client) -> None:
    response = client.post(
        "/images/generations", json={"model": "f", "prompt": "a fox", "n": 2, "width": 1024, "height": 512}
    )
    assert_spec_valid("post", "/images/generations", response)
    data = response.json()["data"]
    assert len(data) == 2
    for image in data:
        png = base64.b64decode(image["b64_json"])
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        assert struct.unpack(">II", png[16:24]) == (64, 32)  # scaled down, aspect ratio kept
    as_url = client.post("/images/generations", json={"model": "f", "prompt": "a fox", "response_format": "url"})
    url = as_url.json()["data"][0]["url"]
    assert url.startswith("data:image/png;base64,")
    assert base64.b64decode(url.split(",", 1)[1]).startswith(b"\x89PNG")


def test_speech_is_audio(client: httpx.Client) -> None:
    body = {"model": "kokoro-82m", "input": "Hello there", "voice": "af"}  # 2 words: 0.2 s

    def speak(fmt: str | None) -> httpx.Response:
        response = client.post("/audio/speech", json={**body, "response_format": fmt} if fmt else body)
        assert response.status_code == 200
        return response

    wav = speak("wav")
    assert wav.headers["content-type"] == "audio/wav"
    assert wav.content[:4] == b"RIFF" and wav.content[8:16] == b"WAVEfmt "
    assert struct.unpack("<I", wav.content[4:8])[0] == len(wav.content) - 8
    pcm = speak("pcm")
    assert pcm.headers["content-type"] == "audio/pcm"
    assert pcm.content == wav.content[44:]  # the same samples without the 44-byte header
    assert len(pcm.content) == 2 * 24_000 * 0.2
    flac = speak("flac")
    assert flac.headers["content-type"] == "audio/flac"
    assert flac.content[:5] == b"fLaC\x80"  # then STREAMINFO, which holds the sample count
    assert int.from_bytes(flac.content[18:26], "big") & (2**36 - 1) == len(pcm.content) // 2
    mp3 = speak(None)  # the spec's default format
    assert mp3.headers["content-type"] == "audio/mpeg"
    assert mp3.content[:2] == b"\xff\xfb" and len(mp3.content) % 384 == 0  # MPEG-1 Layer III frames
    opus = speak("opus")
    assert opus.headers["content-type"] == "audio/ogg"
    assert opus.content[:4] == b"OggS" and opus.content[28:36] == b"OpusHead"
    assert speak("wav").content == wav.content
    assert (
        speak("wav").content
        != client.post("/audio/speech", json={**body, "voice": "bm", "response_format": "wav"}).content
    )


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg checks that the audio decodes")
@pytest.mark.parametrize("fmt", ["mp3", "opus", "flac", "wav"])
def test_speech_decodes_with_ffmpeg(client: httpx.Client, fmt: str, tmp_path: Path) -> None:
    words = " ".join(["word"] * 10)  # 1 s
    audio = client.post("/audio/speech", json={"model": "k", "input": words, "voice": "af", "response_format": fmt})
    path = tmp_path / f"speech.{fmt}"
    path.write_bytes(audio.content)
    decoded = subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-err_detect",
            "crccheck",
            "-i",
            str(path),
            "-f",
            "s16le",
            "-ac",
            "1",
            "-ar",
            "24000",
            "-",
        ],
        capture_output=True,
        check=True,
    )
    assert decoded.stderr == b""
    assert abs(len(decoded.stdout) / 2 / 24_000 - 1.0) < 0.05
    if fmt == "flac":  # lossless: exactly the pcm samples
        pcm = client.post("/audio/speech", json={"model": "k", "input": words, "voice": "af", "response_format": "pcm"})
        assert decoded.stdout == pcm.content


def test_created_is_now(client: httpx.Client) -> None:
    assert abs(chat(client).json()["created"] - time.time()) < 60


def test_validation_cost_is_small() -> None:
    # Benchmarks rely on the server being quick; validation is on by default, so keep an eye on it.
    with MockServer() as server, httpx.Client(base_url=server.url, headers={"Authorization": "Bearer oruel_x"}) as c:
        body = {"model": "m", "messages": HELLO, "temperature": 0.5}
        for _ in range(20):
            c.post(CHAT, json=body)
        started = time.perf_counter()
        for _ in range(100):
            c.post(CHAT, json=body)
        assert (time.perf_counter() - started) / 100 < 0.02  # generous: ~2 ms is typical
