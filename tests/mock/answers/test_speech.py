"""Speech: real audio in each format, deterministic per voice."""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import httpx
import pytest


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


def _ffmpeg() -> str | None:
    """ffmpeg on PATH, else the one the dev group installs from PyPI (imageio-ffmpeg, on x86_64)."""
    found = shutil.which("ffmpeg")
    if found is not None:
        return found
    try:
        import imageio_ffmpeg  # type: ignore[import-untyped]  # noqa: PLC0415
    except ImportError:
        return None
    return str(imageio_ffmpeg.get_ffmpeg_exe())


FFMPEG = _ffmpeg()


@pytest.mark.skipif(FFMPEG is None, reason="ffmpeg checks that the audio decodes (not on PATH, no imageio-ffmpeg)")
@pytest.mark.parametrize("fmt", ["mp3", "opus", "flac", "wav"])
def test_speech_decodes_with_ffmpeg(client: httpx.Client, fmt: str, tmp_path: Path) -> None:
    words = " ".join(["word"] * 10)  # 1 s
    audio = client.post("/audio/speech", json={"model": "k", "input": words, "voice": "af", "response_format": fmt})
    path = tmp_path / f"speech.{fmt}"
    path.write_bytes(audio.content)
    decoded = subprocess.run(
        [
            str(FFMPEG),
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
