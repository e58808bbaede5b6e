"""``oruel speech`` (``oruel_client.cli.speech``): the audio goes to ``-o FILE`` in the format the file's
extension names (a contradicting ``--format`` is refused), or to stdout."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from oruel_client._generated.rules import SCHEMAS

from .support import run


def speech_formats() -> list[str]:
    return list(SCHEMAS["SpeechRequest"]["properties"]["response_format"]["enum"])


def test_speech_writes_bytes(mock: Any, tmp_path: Path) -> None:
    target = tmp_path / "hello.wav"
    proc = run(
        "speech", "hello there", "--model", "kokoro-82m", "--voice", "v1", "--format", "wav", "-o", str(target),
        base_url=mock.url,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = target.read_bytes()
    assert data.startswith(b"RIFF") and len(data) > 100
    assert mock.requests[-1].json()["response_format"] == "wav"


@pytest.mark.parametrize("fmt", speech_formats())
def test_speech_asks_for_the_format_the_file_extension_names(fmt: str, mock: Any, tmp_path: Path) -> None:
    target = tmp_path / f"hello.{fmt.upper() if fmt == 'wav' else fmt}"  # case does not matter
    proc = run("speech", "hello", "--model", "kokoro-82m", "--voice", "af", "-o", str(target), base_url=mock.url)
    assert proc.returncode == 0, proc.stderr
    assert mock.requests[-1].json()["response_format"] == fmt
    assert target.read_bytes()


def test_speech_to_a_wav_file_writes_wav_bytes(mock: Any, tmp_path: Path) -> None:
    target = tmp_path / "hi.wav"  # the README's example, which used to get MP3 bytes
    proc = run("speech", "Hi", "--model", "kokoro-82m", "--voice", "af", "-o", str(target), base_url=mock.url)
    assert proc.returncode == 0, proc.stderr
    data = target.read_bytes()
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"


def test_speech_refuses_a_format_that_contradicts_the_file_name(mock: Any, tmp_path: Path) -> None:
    before = len(mock.requests)
    target = tmp_path / "hi.wav"
    proc = run(
        "speech", "Hi", "--model", "kokoro-82m", "--voice", "af", "--format", "mp3", "-o", str(target),
        base_url=mock.url,
    )  # fmt: skip
    assert proc.returncode == 2
    assert "--format mp3 does not match" in proc.stderr and "hi.wav" in proc.stderr
    assert not target.exists() and len(mock.requests) == before


def test_speech_with_an_unknown_extension_needs_format(mock: Any, tmp_path: Path) -> None:
    target = tmp_path / "hi.audio"
    argv = ["speech", "Hi", "--model", "kokoro-82m", "--voice", "af", "-o", str(target)]
    proc = run(*argv, base_url=mock.url)
    assert proc.returncode == 2 and "--format" in proc.stderr
    for fmt in speech_formats():
        assert f"*.{fmt}" in proc.stderr
    proc = run(*argv, "--format", "flac", base_url=mock.url)
    assert proc.returncode == 0 and mock.requests[-1].json()["response_format"] == "flac"


def test_speech_with_a_matching_format_or_no_extension(mock: Any, tmp_path: Path) -> None:
    target = tmp_path / "hi.pcm"
    proc = run(
        "speech", "Hi", "--model", "kokoro-82m", "--voice", "af", "--format", "pcm", "-o", str(target),
        base_url=mock.url,
    )  # fmt: skip
    assert proc.returncode == 0 and mock.requests[-1].json()["response_format"] == "pcm"
    proc = run("speech", "Hi", "--model", "kokoro-82m", "--voice", "af", "-o", os.devnull, base_url=mock.url)
    assert proc.returncode == 0 and "response_format" not in mock.requests[-1].json()  # the server's default
