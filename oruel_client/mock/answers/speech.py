"""``createSpeech``: real audio in the requested format, 0.1 s per word (0.2 to 2 s).

A sine tone whose pitch comes from the voice in ``wav`` (RIFF/WAVE), ``flac`` (uncompressed frames) and
``pcm`` (raw 16-bit little-endian mono samples at 24 kHz, OpenAI's meaning of ``pcm``); silence of the same
length in ``mp3`` and ``opus`` (Ogg), whose encoders are beyond a mock.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from typing import Any, Final

from .. import content
from ..replies import Reply, Request
from ._common import spec_default

__all__ = ["answer"]

_MEDIA_TYPES: Final = {
    "mp3": "audio/mpeg",
    "wav": "audio/wav",
    "opus": "audio/ogg",
    "flac": "audio/flac",
    "pcm": "audio/pcm",
}


def answer(request: Request) -> Reply:
    body: Mapping[str, Any] = request.body
    fmt = body.get("response_format") or spec_default("SpeechRequest", "response_format")
    media_type = _MEDIA_TYPES[fmt]
    seconds = round(min(2.0, max(0.2, 0.1 * content.count_tokens(body["input"]))), 1)
    pitch = 220 + int.from_bytes(hashlib.sha256(str(body["voice"]).encode()).digest()[:2], "big") % 440
    pcm = content.pcm_tone(float(pitch), seconds)
    audio: dict[str, Callable[[], bytes]] = {
        "pcm": lambda: pcm,
        "wav": lambda: content.wav(pcm),
        "flac": lambda: content.flac(pcm),
        "mp3": lambda: content.mp3_silence(seconds),
        "opus": lambda: content.opus_silence(seconds),
    }
    return Reply(200, audio[fmt](), media_type)
