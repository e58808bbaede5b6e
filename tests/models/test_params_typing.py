"""What mypy and pyright see of the generated request TypedDicts (models/params.py) and response models, run on an
installed copy of the package (a wheel built from the worktree, installed with `pip --target` into a temporary
folder outside the repo, checked from a temporary working directory), so they see what a user's project sees.

A good snippet must pass both checkers; each bad snippet must be flagged by both.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

GOOD = """
from oruel_client import Oruel
from oruel_client.models import ChatCompletion, Model, SystemMessage, Usage
from oruel_client.models.params import ChatCompletionRequestParam, ChatMessageParam, ToolParam

client = Oruel(api_key="oruel_x")
history: list[ChatMessageParam] = [{"role": "system", "content": "be brief"}]
tools: list[ToolParam] = [
    {"type": "function", "function": {"name": "f", "description": "d", "parameters": {"type": "object"}}}
]
resp: ChatCompletion = client.chat.completions.create(
    model="m",
    messages=[
        {"role": "user", "content": "hi"},
        {"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "image_url", "image_url": {"url": "u"}}]},
        {"role": "assistant", "content": None,
         "tool_calls": [{"id": "c", "type": "function", "function": {"name": "f", "arguments": "{}"}}]},
        {"role": "tool", "tool_call_id": "c", "content": "42"},
        SystemMessage(role="system", content="an attrs model among dicts"),
    ],
    tools=tools,
    tool_choice={"type": "function", "function": {"name": "f"}},
    response_format={"type": "json_object"},
    stop=["a", "b"],
)
client.chat.completions.create(model="m", messages=history, tool_choice="auto", tier="turbo")
content: str | None = resp.choices[0].message.content
usage: Usage | None = resp.usage
kind: str = resp.object
for m in client.models.list():
    model: Model = m
count: int = len(client.models.list())
text: str = resp.to_json()
again: ChatCompletion = ChatCompletion.from_json(text)

from oruel_client import AsyncOruel, Stream
from oruel_client._response import APIResponse
from oruel_client.api.chat import create_chat_completion
from oruel_client.models import ChatCompletionChunk

chat_body: ChatCompletionRequestParam = {"model": "m", "messages": [{"role": "user", "content": "hi"}]}
typed: ChatCompletion = create_chat_completion.sync(client=client, body=chat_body)
detailed: APIResponse[ChatCompletion] = create_chat_completion.sync_detailed(client=client, body=chat_body)
again_typed: ChatCompletion = detailed.parse()
request_id: str | None = detailed.request_id
chunks: Stream[ChatCompletionChunk] = create_chat_completion.sync_stream(client=client, body=chat_body)
raw: APIResponse[ChatCompletion] = client.chat.completions.with_raw_response.create(model="m", messages=history)


async def use_async(aclient: AsyncOruel) -> ChatCompletion:
    return await create_chat_completion.asyncio(client=aclient, body=chat_body)
"""

BAD = {
    "wrong_key": 'client.chat.completions.create(model="m", messages=[{"rol": "user", "content": "hi"}])',
    "issue_example": 'client.chat.completions.create(model="m", messages=[{"rol": "user", "contnt": 3}])',
    "wrong_value_type": 'client.chat.completions.create(model="m", messages=[{"role": "user", "content": 3}])',
    "wrong_role": 'client.chat.completions.create(model="m", messages=[{"role": "usr", "content": "hi"}])',
    "wrong_content_part": (
        'client.chat.completions.create(model="m", '
        'messages=[{"role": "user", "content": [{"type": "txt", "text": "a"}]}])'
    ),
    "image_part_without_url": (
        'client.chat.completions.create(model="m", '
        'messages=[{"role": "user", "content": [{"type": "image_url", "image_url": {"uri": "u"}}]}])'
    ),
    "tool_missing_required": (
        'client.chat.completions.create(model="m", messages=[], '
        'tools=[{"type": "function", "function": {"name": "f"}}])'
    ),
    "tool_choice_literal": 'client.chat.completions.create(model="m", messages=[], tool_choice="always")',
    "response_format_type": 'client.chat.completions.create(model="m", messages=[], response_format={"type": "json"})',
    "tool_message_without_id": (
        'client.chat.completions.create(model="m", messages=[{"role": "tool", "content": "42"}])'
    ),
    "endpoint_body_key": (
        "from oruel_client.api.chat import create_chat_completion\n"
        'create_chat_completion.sync(client=client, body={"model": "m", "mesages": []})'
    ),
    "endpoint_needs_the_real_client": (
        "from oruel_client.api.chat import create_chat_completion\n"
        'create_chat_completion.sync(client=object(), body={"model": "m", "messages": []})'
    ),
    "endpoint_sync_client_to_asyncio": (
        "from oruel_client.api.chat import create_chat_completion\n"
        'create_chat_completion.asyncio(client=client, body={"model": "m", "messages": []})'
    ),
    "absent_field_is_none_not_str": 'x: str = client.chat.completions.create(model="m", messages=[]).usage',
}
PRELUDE = "from oruel_client import Oruel\n\nclient = Oruel(api_key='oruel_x')\n"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A non-editable install of the worktree in a temporary folder; a working directory beside it."""
    base = tmp_path_factory.mktemp("installed")
    site = base / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert (site / "oruel_client" / "models" / "params.py").exists()
    assert (site / "oruel_client" / "py.typed").exists()
    work = base / "work"
    work.mkdir()
    (work / "good.py").write_text(GOOD)
    for name, line in BAD.items():
        (work / f"bad_{name}.py").write_text(PRELUDE + line + "\n")
    yield work
    shutil.rmtree(base, ignore_errors=True)


def _env(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MYPYPATH")}
    env["MYPYPATH"] = str(work.parent / "site")
    return env


def _per_file_errors(lines: list[tuple[str, str]], work: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {p.name: [] for p in work.glob("*.py")}
    for path, message in lines:
        found.setdefault(Path(path).name, []).append(message)
    return found


def _check(found: dict[str, list[str]]) -> None:
    assert found["good.py"] == [], "\n".join(found["good.py"])
    missed = [name for name in BAD if not found[f"bad_{name}.py"]]
    assert missed == [], f"not flagged: {missed}"


def test_mypy_accepts_good_and_flags_each_bad(installed: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "."],
        capture_output=True,
        text=True,
        cwd=installed,
        env=_env(installed),
        timeout=600,
    )
    # MYPYPATH comes before site-packages in mypy's search, so the installed copy is what gets checked.
    errors = [(line.split(":", 1)[0], line) for line in proc.stdout.splitlines() if ": error:" in line]
    _check(_per_file_errors(errors, installed))


def test_pyright_accepts_good_and_flags_each_bad(installed: Path) -> None:
    pyright = BIN / "pyright"
    assert pyright.exists(), "pyright is a dev dependency (pip install -e '.[dev]')"
    config = {
        "extraPaths": [str(installed.parent / "site")],
        "pythonVersion": "3.11",
        "typeCheckingMode": "strict",
        "reportUnusedVariable": False,
    }
    (installed / "pyrightconfig.json").write_text(json.dumps(config))
    proc = subprocess.run(
        [str(pyright), "--outputjson", "--pythonpath", sys.executable, "."],
        capture_output=True,
        text=True,
        cwd=installed,
        env=_env(installed),
        timeout=600,
    )
    report = json.loads(proc.stdout)
    errors = [(d["file"], d["message"]) for d in report["generalDiagnostics"] if d["severity"] == "error"]
    _check(_per_file_errors(errors, installed))
