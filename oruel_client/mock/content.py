"""Deterministic content for the local server: text, tool-call arguments, embeddings, PNG and audio bytes.

Pure functions with no I/O. Every answer is drawn from a ``random.Random`` seeded from the request, so the
same request (and the same ``seed``) always gives the same bytes. A "token" is a whitespace-separated
word: ``count_tokens`` is what ``usage`` reports and what ``max_tokens`` cuts.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import math
import random
import re
import struct
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "WORDS",
    "EMBEDDING_DIM",
    "IMAGE_MAX_SIDE",
    "SAMPLE_RATE",
    "TextResult",
    "count_tokens",
    "request_seed",
    "split_pieces",
    "generate_text",
    "generate_json_text",
    "tool_arguments",
    "embedding_bytes",
    "embedding_floats",
    "embedding_base64",
    "image_size",
    "png",
    "pcm_tone",
    "wav",
    "flac",
    "mp3_silence",
    "opus_silence",
    "message_text",
]

WORDS: tuple[str, ...] = (
    "the", "model", "answers", "quickly", "river", "light", "stone", "garden", "signal", "paper",
    "window", "orbit", "quiet", "bright", "token", "stream", "cloud", "engine", "forest", "copper",
    "lantern", "harbor", "meadow", "circuit", "velvet", "summit", "canyon", "echo", "prism", "ember",
    "glacier", "compass", "thunder", "marble", "willow", "beacon", "cascade", "falcon", "horizon", "island",
    "jasmine", "kernel", "lattice", "mosaic", "nebula", "oasis", "pebble", "quartz", "ripple", "saffron",
    "tundra", "umbra", "vertex", "walnut", "zephyr", "amber", "basalt", "cobalt", "delta", "fable",
    "and", "of", "with", "under",
)  # fmt: skip
EMBEDDING_DIM = 64
# Images are solid-colour PNGs scaled down to at most this side, so a 1024x1024 request stays cheap.
IMAGE_MAX_SIDE = 64
SAMPLE_RATE = 24_000

# Fields that shape *how* an answer is delivered, not *what* it is: leaving them out of the request hash
# keeps the text identical with and without streaming, and lets a test find a stop word or a cut point in
# one answer and apply it to the next.
_DELIVERY_FIELDS = frozenset({"stream", "stop", "max_tokens", "tier", "n"})
_PIECE = re.compile(r"\s*\S+|\s+$")


@dataclass(frozen=True, slots=True)
class TextResult:
    text: str
    finish_reason: str
    completion_tokens: int


def count_tokens(text: str) -> int:
    return len(text.split())


def request_seed(body: Mapping[str, Any]) -> int:
    """``seed`` when the request gives one, else a stable hash of the request's content fields."""
    seed = body.get("seed")
    if isinstance(seed, int) and not isinstance(seed, bool):
        return seed
    key = {k: v for k, v in body.items() if k not in _DELIVERY_FIELDS}
    canonical = json.dumps(key, sort_keys=True, separators=(",", ":"), default=str)
    return int.from_bytes(hashlib.sha256(canonical.encode()).digest()[:8], "big")


def split_pieces(text: str) -> list[str]:
    """Stream pieces (one word each, with its leading whitespace) whose concatenation is ``text``."""
    return _PIECE.findall(text) or [text]


def _natural_words(rng: random.Random) -> list[str]:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 32))]
    words[0] = words[0].capitalize()
    words[-1] += "."
    return words


def _finish(words: Sequence[str], lead: str, max_tokens: int | None, stop: Sequence[str]) -> TextResult:
    # As a model would: generation halts at max_tokens, and a stop sequence counts only if it appeared in
    # what was generated before that.
    finish = "stop"
    if max_tokens is not None and len(words) > max_tokens:
        words, finish = words[:max_tokens], "length"
    text = lead + " ".join(words)
    hits = [i for i in (text.find(s) for s in stop if s) if i >= 0]
    if hits:
        text, finish = text[: min(hits)], "stop"
    return TextResult(text, finish, count_tokens(text))


def generate_text(seed: int, *, max_tokens: int | None = None, stop: Sequence[str] = (), lead: str = "") -> TextResult:
    """A sentence of 12 to 32 words; ``lead`` (e.g. a space for text completions) goes before it."""
    return _finish(_natural_words(random.Random(seed)), lead, max_tokens, stop)


def generate_json_text(seed: int, *, max_tokens: int | None = None, stop: Sequence[str] = ()) -> TextResult:
    """JSON mode: a JSON object. Cut short by ``max_tokens`` (finish_reason ``length``) or by a stop sequence,
    it is truncated JSON, as a real model's output would be."""
    rng = random.Random(seed)
    words = _natural_words(rng)
    document = {
        "answer": " ".join(words),
        "topics": sorted({w.strip(".").lower() for w in rng.sample(words, 3)}),
        "confidence": round(rng.random(), 2),
    }
    # The default separators put a space after ":" and ",", so whitespace splitting round-trips exactly.
    return _finish(json.dumps(document).split(" "), "", max_tokens, stop)


def _value_for(schema: Any, rng: random.Random, depth: int) -> Any:
    if not isinstance(schema, Mapping):
        return rng.choice(WORDS)
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return rng.choice(schema["enum"])
    if "const" in schema:
        return schema["const"]
    kind = schema.get("type", "string")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    low, high = schema.get("minimum", 0), schema.get("maximum", 100)
    if not isinstance(low, int | float) or not isinstance(high, int | float) or high < low:
        low, high = 0, 100
    if kind == "integer":
        return rng.randint(math.ceil(low), math.floor(high)) if math.ceil(low) <= math.floor(high) else low
    if kind == "number":
        return round(rng.uniform(low, high), 2)
    if kind == "boolean":
        return rng.random() < 0.5
    if kind == "null":
        return None
    if kind == "array":
        return [_value_for(schema.get("items"), rng, depth + 1)] if depth < 3 else []
    if kind == "object":
        return _object_for(schema, rng, depth + 1) if depth < 3 else {}
    return rng.choice(WORDS)


def _object_for(schema: Mapping[str, Any], rng: random.Random, depth: int) -> dict[str, Any]:
    properties = schema.get("properties")
    if not isinstance(properties, Mapping):
        return {}
    return {str(name): _value_for(sub, rng, depth) for name, sub in properties.items()}


def tool_arguments(parameters: Any, seed: int) -> str:
    """Arguments (a JSON string) with one value per property of the tool's ``parameters`` schema, of the
    property's type (enum members and numeric bounds respected), nested objects three levels deep."""
    schema = parameters if isinstance(parameters, Mapping) else {}
    return json.dumps(_object_for(schema, random.Random(seed), 0))


@functools.lru_cache(maxsize=1024)
def embedding_bytes(text: str, dim: int) -> bytes:
    """A unit-length vector as little-endian float32 bytes, derived from a hash of the text."""
    raw = hashlib.shake_256(text.encode()).digest(2 * dim)
    ints = struct.unpack(f"<{dim}h", raw)
    norm = math.sqrt(sum(i * i for i in ints)) or 1.0
    return struct.pack(f"<{dim}f", *(i / norm for i in ints))


def embedding_floats(text: str, dim: int) -> list[float]:
    # Unpacked from the float32 bytes, so the float form and the base64 form carry the same numbers.
    return list(struct.unpack(f"<{dim}f", embedding_bytes(text, dim)))


def embedding_base64(text: str, dim: int) -> str:
    return base64.b64encode(embedding_bytes(text, dim)).decode("ascii")


def image_size(width: int, height: int) -> tuple[int, int]:
    """The requested size scaled down (aspect ratio kept) to fit IMAGE_MAX_SIDE."""
    scale = min(1.0, IMAGE_MAX_SIDE / max(width, height, 1))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _png_chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A valid 8-bit RGB PNG filled with one colour."""
    row = b"\x00" + bytes(rgb) * width  # filter type 0 (None) before each scanline
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(row * height))
        + _png_chunk(b"IEND", b"")
    )


@functools.lru_cache(maxsize=64)
def pcm_tone(frequency: float, seconds: float) -> bytes:
    """A sine tone as signed 16-bit little-endian mono samples at SAMPLE_RATE (OpenAI's ``pcm`` format)."""
    count = int(SAMPLE_RATE * seconds)
    step = 2 * math.pi * frequency / SAMPLE_RATE
    samples = (int(12_000 * math.sin(step * i)) for i in range(count))
    return struct.pack(f"<{count}h", *samples)


def _crc_table(poly: int, width: int) -> list[int]:
    top, mask = 1 << (width - 1), (1 << width) - 1
    table = []
    for byte in range(256):
        crc = byte << (width - 8)
        for _ in range(8):
            crc = ((crc << 1) ^ poly) & mask if crc & top else (crc << 1) & mask
        table.append(crc)
    return table


_CRC8 = _crc_table(0x07, 8)  # FLAC frame header
_CRC16 = _crc_table(0x8005, 16)  # FLAC frame
_CRC32 = _crc_table(0x04C11DB7, 32)  # Ogg page (not zlib's reflected CRC-32)


def _crc(table: list[int], width: int, data: bytes) -> int:
    crc, shift, mask = 0, width - 8, (1 << width) - 1
    for byte in data:
        crc = ((crc << 8) & mask) ^ table[((crc >> shift) ^ byte) & 0xFF]
    return crc


def _utf8_number(n: int) -> bytes:
    """FLAC's frame number coding: UTF-8's bit layout, extended to 31 bits."""
    if n < 0x80:
        return bytes([n])
    extra = next(i for i, limit in enumerate((0x800, 0x10000, 0x200000, 0x4000000, 0x80000000), 1) if n < limit)
    tail = []
    for _ in range(extra):
        tail.append(0x80 | (n & 0x3F))
        n >>= 6
    return bytes([((0xFF00 >> (extra + 1)) & 0xFF) | n, *reversed(tail)])


_FLAC_BLOCK = 4096


@functools.lru_cache(maxsize=64)
def flac(pcm: bytes) -> bytes:
    """``pcm`` (as made by pcm_tone) as a FLAC file: uncompressed (VERBATIM) subframes, which every decoder
    reads; a mock does not need compression."""
    count = len(pcm) // 2
    samples = struct.unpack(f"<{count}h", pcm)
    info = struct.pack(">HH", _FLAC_BLOCK, _FLAC_BLOCK) + b"\x00" * 6  # frame sizes unknown (0)
    info += ((SAMPLE_RATE << 44) | (0 << 41) | (15 << 36) | count).to_bytes(8, "big") + hashlib.md5(pcm).digest()
    out = [b"fLaC", bytes([0x80, 0, 0, len(info)]), info]  # last metadata block: STREAMINFO
    for number, start in enumerate(range(0, count, _FLAC_BLOCK)):
        block = samples[start : start + _FLAC_BLOCK]
        # Block size "16 bits at the end of the header" (0111), 24 kHz (0111); mono, 16 bits per sample.
        header = b"\xff\xf8\x77\x08" + _utf8_number(number) + struct.pack(">H", len(block) - 1)
        header += bytes([_crc(_CRC8, 8, header)])
        frame = header + b"\x02" + struct.pack(f">{len(block)}h", *block)  # subframe type VERBATIM
        out.append(frame + struct.pack(">H", _crc(_CRC16, 16, frame)))
    return b"".join(out)


# One MPEG-1 Layer III frame, 128 kbit/s, 48 kHz, mono, no CRC: 384 bytes. Zero side info and main data
# decode as silence: a real MP3 without an encoder.
_MP3_SILENT_FRAME = b"\xff\xfb\x94\xc0" + bytes(380)
_MP3_FRAME_SAMPLES = 1152


def mp3_silence(seconds: float) -> bytes:
    """Valid MP3 frames of silence lasting ``seconds`` (48 kHz)."""
    return _MP3_SILENT_FRAME * math.ceil(seconds * 48_000 / _MP3_FRAME_SAMPLES)


# A 20 ms CELT packet (TOC 0xF8: fullband, mono, one frame) that decodes to silence.
_OPUS_SILENT_PACKET = b"\xf8\xff\xfe"
_OPUS_PRE_SKIP = 312


def _ogg_page(flags: int, granule: int, sequence: int, packets: Sequence[bytes]) -> bytes:
    lacing = b"".join(bytes([255] * (len(p) // 255) + [len(p) % 255]) for p in packets)
    page = b"OggS\x00" + bytes([flags]) + struct.pack("<qII", granule, 0x0E5EC0DE, sequence)
    page += b"\x00\x00\x00\x00" + bytes([len(lacing)]) + lacing + b"".join(packets)
    crc = _crc(_CRC32, 32, page)
    return page[:22] + struct.pack("<I", crc) + page[26:]


def opus_silence(seconds: float) -> bytes:
    """An Ogg Opus file of silence lasting ``seconds``."""
    head = b"OpusHead" + struct.pack("<BBHIhB", 1, 1, _OPUS_PRE_SKIP, SAMPLE_RATE, 0, 0)
    vendor = b"oruel-mock"
    tags = b"OpusTags" + struct.pack("<I", len(vendor)) + vendor + struct.pack("<I", 0)
    pages = [_ogg_page(0x02, 0, 0, [head]), _ogg_page(0x00, 0, 1, [tags])]
    total = int(seconds * 48_000) + _OPUS_PRE_SKIP  # granule positions count 48 kHz samples
    packets = math.ceil(total / 960)
    sent = 0
    while sent < packets:
        batch = min(255, packets - sent)
        sent += batch
        last = sent == packets
        granule = total if last else sent * 960  # the last page's granule trims the final packet
        pages.append(_ogg_page(0x04 if last else 0x00, granule, len(pages), [_OPUS_SILENT_PACKET] * batch))
    return b"".join(pages)


def wav(pcm: bytes) -> bytes:
    """``pcm`` (as made by pcm_tone) in a RIFF/WAVE container."""
    fmt = struct.pack("<HHIIHH", 1, 1, SAMPLE_RATE, SAMPLE_RATE * 2, 2, 16)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(pcm)) + pcm
    return b"RIFF" + struct.pack("<I", len(body)) + body


def message_text(content: Any) -> str:
    """The text of a message ``content``: a string, or the ``text`` of its text parts joined by spaces."""
    if isinstance(content, str):
        return content
    if not isinstance(content, list):
        return ""
    return " ".join(p["text"] for p in content if isinstance(p, Mapping) and isinstance(p.get("text"), str))
