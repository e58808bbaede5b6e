"""The generator's speed-ups keep what it makes: ruff run in batches on a background thread gives the bytes one
run over the folder gives and reports a failure as a message; openapi-python-client's parser with our patch
orders and renames path parameters as it does without it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator.ruff_pass import COMMON, RuffFailed, RuffPipeline

# Unsorted and unused imports (what `check --fix-only` removes) and code `format` rewrites.
MESSY = """from typing import cast, Any
import json
import os
def f(x:Any)->str:
    return json.dumps( x )
"""


def _tree(root: Path) -> list[Path]:
    files = []
    for name in ("a", "b", "c", "d", "e"):
        path = root / "models" / f"{name}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(MESSY.replace("f(", f"{name}("), encoding="utf-8")
        files.append(path)
    # ruff's default excludes skip a folder named `dist` when it walks the tree: given the file itself, too.
    excluded = root / "api" / "dist" / "x.py"
    excluded.parent.mkdir(parents=True)
    excluded.write_text(MESSY, encoding="utf-8")
    return [*files, excluded]


def _one_run(root: Path) -> None:
    from ruff.__main__ import find_ruff_bin

    ruff = str(find_ruff_bin())
    for cmd in (["check", *COMMON, "--fix-only", "--select", "F,I,UP", "."], ["format", *COMMON, "."]):
        subprocess.run([ruff, *cmd], cwd=root, check=True, capture_output=True, timeout=120)


def _contents(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.py"))}


def test_batches_give_the_bytes_of_one_run_over_the_folder(tmp_path: Path) -> None:
    whole, batched = tmp_path / "whole", tmp_path / "batched"
    files = _tree(whole)
    shutil.copytree(whole, batched)
    _one_run(whole)
    pipeline = RuffPipeline(batched)
    try:
        moved = [batched / f.relative_to(whole) for f in files]
        for start in range(0, len(moved), 2):
            pipeline.submit(moved[start : start + 2])
        done = [path for batch in pipeline.finished() for path in batch]
    finally:
        pipeline.cancel()
    assert done == moved  # every batch comes back, in order
    assert _contents(batched) == _contents(whole)
    assert "import os" not in (batched / "models" / "a.py").read_text()  # the control: ruff did change it
    assert (batched / "api" / "dist" / "x.py").read_text() == MESSY  # excluded as in the folder walk


def test_a_ruff_failure_is_a_message_naming_the_file(tmp_path: Path) -> None:
    good = tmp_path / "good.py"
    good.write_text(MESSY, encoding="utf-8")
    bad = tmp_path / "bad.py"
    bad.write_text("def broken(:\n", encoding="utf-8")
    pipeline = RuffPipeline(tmp_path)
    try:
        pipeline.submit([good])
        pipeline.submit([bad])
        pipeline.submit([good])
        finished = pipeline.finished()
        assert next(finished) == [good]
        with pytest.raises(RuffFailed, match=r"ruff format failed \(2\)[\s\S]*bad\.py"):
            next(finished)
    finally:
        pipeline.cancel()


def test_cancel_stops_a_pipeline_with_work_left(tmp_path: Path) -> None:
    files = _tree(tmp_path)
    pipeline = RuffPipeline(tmp_path)
    for path in files:
        pipeline.submit([path])
    pipeline.cancel()  # returns (joins the thread) without running the batches still queued
    assert not pipeline._thread.is_alive()
    # 8 ruff runs were queued before this file's: cancel came first
    assert files[-2].read_text(encoding="utf-8") == MESSY.replace("f(", "e(")


SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "t", "version": "1"},
    "paths": {
        # declared in the other order than the path names them, one at the path level, one camelCase
        "/orgs/{orgId}/items/{item_id}": {
            "parameters": [{"name": "orgId", "in": "path", "required": True, "schema": {"type": "string"}}],
            "get": {
                "operationId": "get_item",
                "parameters": [
                    {"name": "item_id", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                ],
                "responses": {"200": {"description": "ok"}},
            },
        },
        "/things/{a}/{b}": {
            "get": {
                "operationId": "get_thing",
                "parameters": [
                    {"name": "b", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "a", "in": "path", "required": True, "schema": {"type": "string"}},
                ],
                "responses": {"200": {"description": "ok"}},
            }
        },
        # a path parameter the path does not name: a parse error either way
        "/bad/{x}": {
            "get": {
                "operationId": "bad",
                "parameters": [{"name": "y", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "ok"}},
            }
        },
    },
}


def _parsed(tmp_path: Path, patched: bool) -> list[tuple[str, ...]]:
    from openapi_python_client.config import Config, ConfigFile, MetaType
    from openapi_python_client.parser.openapi import GeneratorData

    from generator.upstream_patches import patched as patch

    config = Config.from_sources(ConfigFile(), MetaType.NONE, tmp_path / "spec.yaml", "utf-8", False, tmp_path)
    if patched:
        with patch():
            data = GeneratorData.from_dict(SPEC, config=config)
    else:
        data = GeneratorData.from_dict(SPEC, config=config)
    assert isinstance(data, GeneratorData)
    out = []
    for collection in data.endpoint_collections_by_tag.values():
        for endpoint in collection.endpoints:
            params = [str(p.python_name) for p in endpoint.path_parameters]
            out.append((endpoint.name, endpoint.path.get_untrusted_value(), *params))
        out.extend(("error", str(e.detail)) for e in collection.parse_errors)
    return sorted(out)


def test_the_parser_patch_orders_and_renames_path_parameters_as_upstream(tmp_path: Path) -> None:
    from openapi_python_client.parser.openapi import Endpoint

    original = Endpoint.__dict__["sort_parameters"]
    with_patch = _parsed(tmp_path, patched=True)
    assert Endpoint.__dict__["sort_parameters"] is original  # restored
    assert with_patch == _parsed(tmp_path, patched=False)
    assert ("get_thing", "/things/{a}/{b}", "a", "b") in with_patch  # the control: sorted as the path says
    assert ("get_item", "/orgs/{org_id}/items/{item_id}", "org_id", "item_id") in with_patch
    assert any(row[0] == "error" and "/bad/{x}" in row[1] for row in with_patch)
