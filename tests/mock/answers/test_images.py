"""Images: PNGs, as base64 or data: URLs."""

from __future__ import annotations

import base64
import struct

import httpx

from ..helpers import assert_spec_valid


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
