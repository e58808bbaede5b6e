"""Property 6: the request property end to end against two independent servers that validate with the spec.

* The local Oru-el server (``oruel_client.mock.server.MockServer``, openapi-core): every spec-valid request of
  every operation, streaming included, is answered 2xx and the answer parses; a 400 is a failure that names the
  parameter.
* Prism 5.14.2 (``@stoplight/prism-cli`` from package.json / package-lock.json) in dynamic mode (``-d``): every
  spec-valid request is accepted (a 422 fails with Prism's ``sl-violations`` printed) and the client parses
  Prism's schema-valid random answer for every operation. Prism never streams, so ``stream: true`` is not sent
  to it (streaming is covered against the recording server and the local server).

Neither is ever skipped: a missing npm, a failed ``npm ci`` or a Prism that does not start fails the tests with
the reason.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oruel_client import BadRequestError, Oruel, UnprocessableEntityError
from oruel_client._generated.rules import OPERATIONS
from oruel_client.types import File
from tests.contract.constraints import constraints
from tests.contract.support import (
    KEY,
    body_strategy,
    call,
    examples,
    finish,
    make_client,
    minimal_body,
    response_media,
    spec_document,
    spec_errors,
)

ROOT = Path(__file__).resolve().parents[2]
PRISM = ROOT / "node_modules" / ".bin" / "prism"
PRISM_START_TIMEOUT = 90.0
SETTINGS: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}


def documented_rules(body: dict[str, Any] | None) -> dict[str, Any] | None:
    """Make a schema-valid body also meet the rules the spec states in prose only (a JSON Schema cannot):
    tool names are unique within a request, and a named ``tool_choice`` names one of the tools."""
    if not body:
        return body
    body = copy.deepcopy(body)
    tools = body.get("tools")
    names: list[str] = []
    if isinstance(tools, list):
        for i, tool in enumerate(tools):
            function = tool.get("function") if isinstance(tool, dict) else None
            if isinstance(function, dict) and "name" in function:
                if function["name"] in names:
                    function["name"] = f"{function['name']}_{i}"
                names.append(function["name"])
    choice = body.get("tool_choice")
    if isinstance(choice, dict) and isinstance(choice.get("function"), dict):
        if names:
            choice["function"]["name"] = names[0]
        else:
            del body["tool_choice"]
    return body


# --- the local Oru-el server ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def mock_client() -> Iterator[Oruel]:
    try:
        from oruel_client.mock.server import MockServer
    except ImportError as exc:
        pytest.fail(f"the local Oru-el server (oruel_client.mock.server.MockServer) cannot be imported: {exc!r}")
    with MockServer() as server, make_client(server.url) as client:
        yield client


def within_mock_limits(op: str, body: dict[str, Any] | None) -> dict[str, Any] | None:
    """The local server documents one capacity limit of its own (at most MAX_IMAGES images a request), which
    the spec does not state; keep image counts within it (read from the mock, not restated here)."""
    from oruel_client.mock.answers.images import MAX_IMAGES

    if body and OPERATIONS[op]["body"] == "ImageGenerationRequest" and body.get("n", 1) > MAX_IMAGES:
        return {**body, "n": MAX_IMAGES}
    return body


@pytest.mark.parametrize("op", list(OPERATIONS))
@settings(max_examples=examples(40), **SETTINGS)
@given(data=st.data())
def test_local_server_accepts_every_valid_request(mock_client: Oruel, op: str, data: st.DataObject) -> None:
    body = within_mock_limits(op, documented_rules(data.draw(body_strategy(op, stream=None), label="body")))
    try:
        result = finish(call(mock_client, op, body))
    except BadRequestError as err:
        pytest.fail(f"the local server rejected a spec-valid {op} request: param={err.param!r}: {err.message}")
    assert result is not None


# --- Prism ---------------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _install_prism() -> None:
    if PRISM.exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("npm is not on PATH: Prism (package.json) cannot be installed; install Node 20 with npm")
    command = [npm, "ci", "--no-audit", "--no-fund"] if (ROOT / "package-lock.json").exists() else [npm, "install"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900, check=False)
    if done.returncode != 0 or not PRISM.exists():
        pytest.fail(
            f"`{' '.join(command)}` failed ({done.returncode}); Prism is not installed:\n{done.stdout}\n{done.stderr}"
        )


@pytest.fixture(scope="session")
def prism_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _install_prism()
    port = _free_port()
    url = f"http://127.0.0.1:{port}"  # Prism serves the spec's paths at its root, whatever `servers` says
    folder = tmp_path_factory.mktemp("prism")
    spec_file = folder / "openapi.json"
    spec_file.write_text(json.dumps(spec_document(url)), encoding="utf-8")
    log_path = folder / "prism.log"
    env = {**os.environ, "SCARF_ANALYTICS": "false"}
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [str(PRISM), "mock", "-d", "-h", "127.0.0.1", "-p", str(port), str(spec_file)],
            cwd=folder,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + PRISM_START_TIMEOUT
        probe = next(info["path"] for info in OPERATIONS.values() if info["method"] == "get")
        while True:
            if proc.poll() is not None:
                pytest.fail(f"Prism exited with {proc.returncode}:\n{log_path.read_text()}")
            try:
                httpx.get(url + probe, timeout=2.0)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    pytest.fail(f"Prism did not answer within {PRISM_START_TIMEOUT} s:\n{log_path.read_text()}")
                time.sleep(0.25)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="session")
def prism_client(prism_url: str) -> Iterator[Oruel]:
    with make_client(prism_url) as client:
        yield client


PRISM_OPS = list(OPERATIONS)


@pytest.mark.parametrize("op", PRISM_OPS)
@settings(max_examples=examples(25), **SETTINGS)
@given(data=st.data())
def test_prism_accepts_every_valid_request_and_its_answer_parses(
    prism_client: Oruel, op: str, data: st.DataObject
) -> None:
    body = documented_rules(data.draw(body_strategy(op, stream=False), label="body"))
    try:
        result = call(prism_client, op, body)
    except UnprocessableEntityError as err:
        violations = err.response.headers.get("sl-violations", "<no sl-violations header>")
        pytest.fail(f"Prism rejected a spec-valid {op} request: {violations}")
    media, name = response_media(op)
    if name is None:
        assert isinstance(result, File)
        return
    out = json.loads(json.dumps(result.to_dict()))
    assert not spec_errors(name, out), f"Prism's {name} parsed to something the spec rejects: {spec_errors(name, out)}"


def test_prism_rejects_what_the_spec_rejects(prism_client: Oruel) -> None:
    """Prism's checks are live: with client validation off, a top-level value past its maximum gets 422 and
    sl-violations naming the field."""
    c = next(c for c in constraints() if c.rule == "maximum" and len(c.route) == 1)
    field = str(c.route[0].key)
    with Oruel(api_key=KEY, base_url=prism_client.base_url, max_retries=0, validate=False) as client:
        with pytest.raises(UnprocessableEntityError) as info:
            call(client, c.op, {**(minimal_body(c.op) or {}), field: c.limit + 1})
    assert field in info.value.response.headers.get("sl-violations", "")
