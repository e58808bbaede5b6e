"""``createImage``: solid-colour PNGs (see content.image_size), as base64 or ``data:`` URLs."""

from __future__ import annotations

import base64
import hashlib
import time
from collections.abc import Mapping
from typing import Any, Final

from .. import content
from ..replies import ApiError, Reply, Request, json_bytes
from ._common import spec_default

__all__ = ["MAX_IMAGES", "answer"]

MAX_IMAGES: Final = 128


def answer(request: Request) -> Reply:
    body: Mapping[str, Any] = request.body
    count = body.get("n", spec_default("ImageGenerationRequest", "n"))
    if count > MAX_IMAGES:
        raise ApiError(400, f"The mock makes at most {MAX_IMAGES} images.", code="invalid_parameter", param="n")
    width, height = content.image_size(
        body.get("width", spec_default("ImageGenerationRequest", "width")),
        body.get("height", spec_default("ImageGenerationRequest", "height")),
    )
    as_url = (body.get("response_format") or spec_default("ImageGenerationRequest", "response_format")) == "url"
    seed = content.request_seed(body)
    data = []
    for index in range(count):
        digest = hashlib.sha256(f"{seed}:{index}".encode()).digest()
        encoded = base64.b64encode(content.png(width, height, (digest[0], digest[1], digest[2]))).decode("ascii")
        image = {"url": "data:image/png;base64," + encoded} if as_url else {"b64_json": encoded}
        data.append({**image, "revised_prompt": body["prompt"]})
    return Reply(200, json_bytes({"created": int(time.time()), "data": data}), "application/json")
