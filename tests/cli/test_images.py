"""``oruel images generate`` (``oruel_client.cli.images``): the images are written to files, their paths printed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .support import run


def test_images_generate_writes_a_file(mock: Any, tmp_path: Path) -> None:
    proc = run(
        "images", "generate", "a red fox", "--model", "flux-1-schnell", "--out", str(tmp_path), base_url=mock.url
    )
    assert proc.returncode == 0, proc.stderr
    paths = [Path(p) for p in proc.stdout.split()]
    assert len(paths) == 1 and paths[0].parent == tmp_path
    assert paths[0].read_bytes().startswith(b"\x89PNG")
    target = tmp_path / "fox.png"
    proc = run("images", "generate", "a fox", "--model", "flux-1-schnell", "-o", str(target), base_url=mock.url)
    assert proc.stdout.split() == [str(target)] and target.read_bytes().startswith(b"\x89PNG")
