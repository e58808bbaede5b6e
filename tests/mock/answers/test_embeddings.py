"""Embeddings: one deterministic unit vector per input, floats or base64, of the size the header asks."""

from __future__ import annotations

import base64
import struct

import httpx

from ..helpers import assert_spec_valid


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
