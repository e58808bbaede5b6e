"""Facade resources whose class names would collide: `chat.completions` and `chat_completions` (both spell
ChatCompletions), `Chat` and `chat` (both Chat, and chat.py on a case-insensitive file system), and `any` (Any,
which the facade modules import from typing). Generated from a small spec, type-checked, and each method called
against a real HTTP server on 127.0.0.1: each must send its own operation."""

from __future__ import annotations

import asyncio
import importlib
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.rawhttp import Conn, RecordedRequest, json_response

from .conftest import PYTHON, ROOT, TOKEN, Stub, generate_package, on_path


def _op(n: int, path: str, resource: str) -> str:
    return f"""\
  {path}:
    post:
      operationId: op{n}
      x-oruel-resource: {resource}
      responses:
        "200": {{description: ok, content: {{application/json: {{schema: {{$ref: "#/components/schemas/Answer"}}}}}}}}
"""


# (path, facade method): every facade method sends its own path.
ROUTES = {
    "/chat/completions": "chat.completions.create",
    "/chat_completions": "chat_completions.create",
    "/Chat/ping": "Chat.ping",
    "/chat": "chat.retrieve",
    "/any": "any.list",
}
SPEC = (
    'openapi: 3.1.0\ninfo: {title: clash, version: "1"}\nservers: [{url: "http://localhost/v1"}]\npaths:\n'
    + "".join(_op(n, path, resource) for n, (path, resource) in enumerate(ROUTES.items()))
    + "components:\n  schemas:\n    Answer: {type: object, properties: {path: {type: string}}}\n"
)

# A user's code: mypy --strict must accept it (each method returns Answer) and flag the last line.
USER_CODE = """\
from clash_client import AsyncOruel, Oruel
from clash_client.models import Answer

client = Oruel(api_key="k")
answers: list[Answer] = [
    client.chat.completions.create(),
    client.chat_completions.create(),
    client.Chat.ping(),
    client.chat.retrieve(),
    client.any.list(),
]
aclient = AsyncOruel(api_key="k")


async def main() -> Answer:
    return await aclient.chat_completions.create()


client.chat_completions.completions  # a resource of chat only
"""


@pytest.fixture(scope="module")
def pkg_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("clash")
    spec = root / "clash.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    generate_package(spec, root / "clash_client", "clash_client")
    return root


@pytest.fixture(scope="module")
def pkg(pkg_dir: Path) -> Iterator[Any]:
    with on_path(pkg_dir, "clash_client"):
        yield importlib.import_module("clash_client")


def _echo(req: RecordedRequest, conn: Conn) -> None:
    conn.send(json_response(200, {"path": req.path}))


def test_each_resource_gets_its_own_class_and_module(pkg_dir: Path) -> None:
    folder = pkg_dir / "clash_client" / "_generated" / "resources"
    assert sorted(p.name for p in folder.glob("*.py")) == [
        "__init__.py",
        "any.py",
        "chat.py",
        "chat_2.py",
        "chat_completions.py",
    ]


def test_every_facade_method_sends_its_own_operation(pkg: Any, stub: Stub) -> None:
    stub.reply = _echo
    with pkg.Oruel(api_key=TOKEN, base_url=stub.url + "/v1", max_retries=0) as client:
        for path, resource in ROUTES.items():
            target: Any = client
            for attr in resource.split("."):
                target = getattr(target, attr)
            assert target().path == "/v1" + path, resource
    assert [r.path for r in stub.requests] == ["/v1" + path for path in ROUTES]


def test_the_async_twins_do_the_same(pkg: Any, stub: Stub) -> None:
    stub.reply = _echo

    async def main() -> list[str]:
        async with pkg.AsyncOruel(api_key=TOKEN, base_url=stub.url + "/v1", max_retries=0) as client:
            return [
                (await client.chat.completions.create()).path,
                (await client.chat_completions.create()).path,
                (await client.any.list()).path,
            ]

    assert asyncio.run(main()) == ["/v1/chat/completions", "/v1/chat_completions", "/v1/any"]


def test_the_package_and_its_users_type_check(pkg_dir: Path) -> None:
    generated = ["clash_client/api", "clash_client/_generated"]
    ruff = [PYTHON, "-m", "ruff", "check", "--config", str(ROOT / "pyproject.toml"), *generated]
    proc = subprocess.run(ruff, cwd=pkg_dir, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (pkg_dir / "user.py").write_text(USER_CODE, encoding="utf-8")
    mypy = [PYTHON, "-m", "mypy", "--strict", "--no-incremental", "clash_client", "user.py"]
    proc = subprocess.run(mypy, cwd=pkg_dir, capture_output=True, text=True, timeout=300)
    errors = [line for line in proc.stdout.splitlines() if ": error:" in line]
    # Only the deliberate mistake: chat_completions has no `completions` (it would if the classes were mixed up).
    assert len(errors) == 1 and errors[0].startswith("user.py:19:"), proc.stdout + proc.stderr
    assert 'has no attribute "completions"' in errors[0]
