"""`python -m generator` as a command: it agrees with the committed package, its output is deterministic and lies
only in the folders it owns (api/, models/, _generated/), a spec edit reaches the package (typed attribute, facade
keyword, range check) and `--check` notices when it has not, hand-written files are never touched, and a broken
spec fails cleanly without touching the target.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import PYTHON, ROOT

SPEC = ROOT / "openapi.yaml"
PACKAGE = ROOT / "oruel_client"
OWNED = ("api", "models", "_generated")  # the folders the generator owns whole; every other file is hand-written


def generator(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, "-m", "generator", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder (caches aside), by relative path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def load_spec() -> dict[str, Any]:
    with SPEC.open(encoding="utf-8") as fh:
        doc: dict[str, Any] = yaml.safe_load(fh)
    return doc


def write_spec(doc: dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")
    return path


def copy_package(dest: Path) -> Path:
    shutil.copytree(PACKAGE, dest, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def edited_spec() -> dict[str, Any]:
    """openapi.yaml plus a new ranged sampling field and a tightened temperature range."""
    doc = load_spec()
    sampling = doc["components"]["schemas"]["SamplingParameters"]["properties"]
    sampling["typical_p"] = {
        "type": "number",
        "minimum": 0,
        "maximum": 1,
        "description": "Locally typical sampling mass.",
        "x-oruel-source": "decided",
    }
    sampling["temperature"]["maximum"] = 1
    return doc


# ------------------------------------------------------------------------------------------------ the repo


def test_check_passes_on_the_repo() -> None:
    before = snapshot(PACKAGE)
    proc = generator("--check")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "match openapi.yaml" in proc.stdout
    assert snapshot(PACKAGE) == before  # --check writes nothing


def test_two_generations_are_byte_identical(tmp_path: Path) -> None:
    outs = [tmp_path / name / "oruel_client" for name in ("a", "b")]
    procs = [
        subprocess.Popen(
            [PYTHON, "-m", "generator", "--out", str(out)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        for out, seed in zip(outs, ("1", "2"), strict=True)
    ]
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=120)
        assert proc.returncode == 0, stdout + stderr
    first, second = (snapshot(out) for out in outs)
    assert first.keys() == second.keys()
    assert [rel for rel in first if first[rel] != second[rel]] == []
    assert "api/chat/create_chat_completion.py" in first and "_generated/rules.py" in first
    assert {rel.split("/", 1)[0] for rel in first} == set(OWNED)  # nothing outside the owned folders
    assert all(data.startswith(b"# Generated from openapi.yaml") for rel, data in first.items() if rel.endswith(".py"))
    # ... and identical to the committed generated files, which are all the owned folders hold.
    committed = snapshot(PACKAGE)
    assert [rel for rel, data in first.items() if committed.get(rel) != data] == []
    assert {rel for rel in committed if rel.split("/", 1)[0] in OWNED} == set(first)


# ------------------------------------------------------------------------------------------------ drift


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The edited spec, named openapi.yaml like the original so that generated headers do not differ."""
    return write_spec(edited_spec(), tmp_path_factory.mktemp("edited") / "openapi.yaml")


def test_yaml_round_trip_alone_does_not_drift(tmp_path: Path) -> None:
    """Control for the drift test below: rewriting the spec through PyYAML changes nothing generated."""
    proc = generator("--check", "--spec", write_spec(load_spec(), tmp_path / "openapi.yaml"))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_check_fails_on_drift_and_names_the_files(edited: Path) -> None:
    before = snapshot(PACKAGE)
    proc = generator("--check", "--spec", edited)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    changed = {line.split(":", 1)[1].strip() for line in proc.stdout.splitlines() if line.startswith("  differs:")}
    assert {
        "models/sampling_parameters.py",
        "models/chat_completion_request.py",
        "models/completion_request.py",
        "_generated/rules.py",
        "_generated/resources/chat.py",
        "_generated/resources/completions.py",
        "_generated/document.py",
    } <= changed
    assert "models/embedding_request.py" not in changed
    assert "typical_p" in proc.stdout  # the diff excerpt shows the new field
    assert "Run `python -m generator`" in proc.stdout
    assert snapshot(PACKAGE) == before


PROBE = textwrap.dedent(
    """
    import inspect, json
    import attrs
    import oruel_client
    from oruel_client._generated.resources import chat as _resources
    from oruel_client.api.chat import create_chat_completion as chat
    from oruel_client.api.completions import create_completion as text
    from oruel_client._exceptions import OruelValidationError
    from oruel_client.models import ChatCompletionRequest, UserMessage

    def attempt(op, body, extra_body=None):
        try:
            return {"json": op.build_request(body=body, extra_body=extra_body)["json"]}
        except OruelValidationError as err:
            return {"path": err.path, "rule": err.rule, "limit": err.limit}

    chat_body = {"model": "m", "messages": [{"role": "user", "content": "hi"}]}
    text_body = {"model": "m", "prompt": "p"}
    keyword = inspect.signature(_resources.ChatCompletions.create).parameters.get("typical_p")
    async_keyword = inspect.signature(_resources.AsyncChatCompletions.create).parameters.get("typical_p")
    request = ChatCompletionRequest(model="m", messages=[UserMessage(role="user", content="hi")], typical_p=0.25)
    parsed = ChatCompletionRequest.from_dict({**chat_body, "typical_p": 0.75})
    try:
        ChatCompletionRequest(model="m", messages=[UserMessage(role="user", content="hi")], typical_p=2).validate()
        model_check = None
    except OruelValidationError as err:
        model_check = [err.path, err.rule]
    print(json.dumps({
        "file": oruel_client.__file__,
        "fields": [f.name for f in attrs.fields(ChatCompletionRequest)],
        "annotation": str(ChatCompletionRequest.__annotations__.get("typical_p")),
        "doc": ChatCompletionRequest.__doc__,
        "keyword": None if keyword is None else [str(keyword.annotation), keyword.kind.name],
        "keyword_doc": _resources.ChatCompletions.create.__doc__ or "",
        "async_keyword": None if async_keyword is None else str(async_keyword.annotation),
        "to_dict": request.to_dict(),
        "parsed": [parsed.typical_p, sorted(parsed.additional_properties)],
        "model_check": model_check,
        "typical_p=1.5": attempt(chat, {**chat_body, "typical_p": 1.5}),
        "typical_p=0.5": attempt(chat, {**chat_body, "typical_p": 0.5}),
        "typical_p=-0.1 text": attempt(text, {**text_body, "typical_p": -0.1}),
        "typical_p=1.5 extra_body": attempt(chat, chat_body, {"typical_p": 1.5}),
        "temperature=1.5": attempt(chat, {**chat_body, "temperature": 1.5}),
        "temperature=1": attempt(chat, {**chat_body, "temperature": 1}),
    }))
    """
)


@pytest.fixture(scope="module")
def regenerated(edited: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A copy of the whole package (overlay included), regenerated from the edited spec."""
    root = tmp_path_factory.mktemp("regenerated")
    target = copy_package(root / "oruel_client")
    before = snapshot(target)
    proc = generator("--spec", edited, "--out", target)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root, before


def test_regeneration_touches_only_generated_files(regenerated: tuple[Path, dict[str, bytes]]) -> None:
    root, before = regenerated
    after = snapshot(root / "oruel_client")
    changed = {rel for rel in after if before.get(rel) != after[rel]}
    assert "models/sampling_parameters.py" in changed and "_generated/rules.py" in changed
    for rel in changed:
        assert rel.split("/", 1)[0] in OWNED, f"{rel} is outside the generated folders but was rewritten"
        assert after[rel].startswith(b"# Generated"), f"{rel} is hand-written but was rewritten"
    hand_written = {rel for rel in before if rel.split("/", 1)[0] not in OWNED}
    assert {"_client.py", "_validation.py", "_inputs.py", "types.py", "__init__.py"} <= hand_written
    assert {rel: after.get(rel) for rel in hand_written} == {rel: before[rel] for rel in hand_written}
    assert set(before) == set(after)  # nothing removed, nothing added (no new model for a number field)


def test_generator_owns_its_folders_whole_and_leaves_hand_written_files_alone(tmp_path: Path) -> None:
    """In the owned folders, a file the spec does not produce is stale and removed, whatever its first line; a
    generated leftover of the old layout outside them (`_spec.py`) is removed too; every other file, Python or
    not, is the hand-written runtime's and stays byte for byte."""
    target = copy_package(tmp_path / "oruel_client")
    leftovers = {
        "api/chat/retired_operation.py": b"# Generated from openapi.yaml by `python -m generator`\nOLD = 1\n",
        "models/hand_made.py": b"X = 1\n",
        "_generated/notes.txt": b"scratch\n",
        "_spec.py": b"# Generated from openapi.yaml by `python -m generator`: do not edit by hand.\nOLD = 1\n",
    }
    kept = {
        "_extra_helpers.py": b"# A hand-written helper.\nY = 2\n",
        "mock/notes.md": b"# Generated is a word a hand-written note may start with\n",
        "README.txt": b"hand-written\n",
    }
    for rel, data in {**leftovers, **kept}.items():
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        (target / rel).write_bytes(data)
    (target / "_client.py").write_bytes((target / "_client.py").read_bytes() + b"\n# local edit\n")
    before = snapshot(target)

    proc = generator("--out", target)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    after = snapshot(target)
    for rel in leftovers:
        assert rel not in after, f"{rel} should have been removed as stale"
    reported = {
        line.split(":", 1)[1].split(" (", 1)[0].strip() for line in proc.stdout.splitlines() if "stale:" in line
    }
    assert reported == set(leftovers)
    assert {rel: after[rel] for rel in kept} == kept
    assert after["_client.py"] == before["_client.py"]  # a hand-written file is never rewritten, even when edited
    assert set(after) == set(before) - set(leftovers)
    assert {rel: data for rel, data in after.items() if rel.split("/", 1)[0] not in OWNED} == {
        rel: data for rel, data in before.items() if rel.split("/", 1)[0] not in OWNED and rel not in leftovers
    }


def test_regenerated_package_has_the_new_field_everywhere(regenerated: tuple[Path, dict[str, bytes]]) -> None:
    root, _ = regenerated
    proc = subprocess.run(
        [PYTHON, "-c", PROBE],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert Path(out["file"]).is_relative_to(root)  # the regenerated copy, not the repo's package
    # the typed model attribute
    assert "typical_p" in out["fields"]
    assert out["annotation"] == "float | Unset"
    assert "typical_p (float | Unset): Locally typical sampling mass. Range: 0 to 1." in out["doc"]
    assert out["to_dict"]["typical_p"] == 0.25
    assert out["parsed"] == [0.75, []]  # a typed attribute, not an unknown extra
    assert out["model_check"] == ["typical_p", "maximum"]
    # the facade keyword
    assert out["keyword"] == ["float | Unset", "KEYWORD_ONLY"]
    assert out["async_keyword"] == "float | Unset"
    assert "typical_p" in out["keyword_doc"]
    # the range check
    assert out["typical_p=1.5"] == {"path": "typical_p", "rule": "maximum", "limit": 1}
    assert out["typical_p=0.5"] == {
        "json": {"model": "m", "messages": [{"role": "user", "content": "hi"}], "typical_p": 0.5}
    }
    assert out["typical_p=-0.1 text"] == {"path": "typical_p", "rule": "minimum", "limit": 0}
    assert out["typical_p=1.5 extra_body"] == {"path": "typical_p", "rule": "maximum", "limit": 1}
    # the tightened range
    assert out["temperature=1.5"] == {"path": "temperature", "rule": "maximum", "limit": 1}
    assert out["temperature=1"]["json"]["temperature"] == 1


def test_regenerated_package_passes_check_against_the_edited_spec(
    edited: Path, regenerated: tuple[Path, dict[str, bytes]]
) -> None:
    root, _ = regenerated
    proc = generator("--check", "--spec", edited, "--out", root / "oruel_client")
    assert proc.returncode == 0, proc.stdout + proc.stderr


# ------------------------------------------------------------------------------------------------ failures


@pytest.fixture(scope="module")
def broken_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], bool]:
    """Generate from a spec whose ChatCompletionRequest.messages items point at a schema that does not exist,
    into a copy of the package; returns the run and whether the target was left untouched."""
    root = tmp_path_factory.mktemp("broken")
    doc = load_spec()
    messages = doc["components"]["schemas"]["ChatCompletionRequest"]["allOf"][1]["properties"]["messages"]
    messages["items"] = {"$ref": "#/components/schemas/DoesNotExist"}
    spec = write_spec(doc, root / "openapi.yaml")
    target = copy_package(root / "oruel_client")
    before = snapshot(target)
    proc = generator("--spec", spec, "--out", target)
    return proc, snapshot(target) == before


def test_broken_ref_fails_cleanly_and_leaves_the_target_untouched(
    broken_run: tuple[subprocess.CompletedProcess[str], bool],
) -> None:
    proc, untouched = broken_run
    assert proc.returncode != 0
    assert untouched
    assert "generation failed" in proc.stderr
    assert "ChatCompletionRequest" in proc.stderr  # names the schema that could not be built
    assert "Traceback" not in proc.stderr + proc.stdout


def test_broken_ref_message_names_the_missing_schema(
    broken_run: tuple[subprocess.CompletedProcess[str], bool],
) -> None:
    """A readable message says which reference is broken, not only which schema contains it."""
    proc, _ = broken_run
    assert "DoesNotExist" in proc.stderr


def test_unsupported_ref_form_fails_cleanly(tmp_path: Path) -> None:
    doc = load_spec()
    doc["components"]["schemas"]["ImageContentPart"]["properties"]["image_url"] = {"$ref": "other.yaml#/ImageURL"}
    spec = write_spec(doc, tmp_path / "openapi.yaml")
    target = copy_package(tmp_path / "oruel_client")
    before = snapshot(target)
    proc = generator("--spec", spec, "--out", target)
    assert proc.returncode != 0
    assert "other.yaml#/ImageURL" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert snapshot(target) == before


def test_spec_that_is_not_openapi_fails_cleanly(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text("just: a yaml mapping\n", encoding="utf-8")
    target = copy_package(tmp_path / "oruel_client")
    before = snapshot(target)
    proc = generator("--spec", spec, "--out", target)
    assert proc.returncode != 0
    assert "not an OpenAPI document" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert snapshot(target) == before
