"""Real vendor specs generate into a client that lints, type-checks, imports and calls every operation.

Each fixture in tests/fixtures/specs/ is a slice of a public OpenAI-compatible vendor's OpenAPI document (or the
whole of one), copied unchanged by slice.py; SOURCES.md says where each comes from and what it exercises. Each is
generated into its own temporary package, `fx_<fixture>`, with the hand-written runtime copied beside the
generated folders (as test_generality.py does), and every stage is its own test so that a failure names the
fixture and the stage:

    generate    `python -m generator --spec F --package fx_F --out DIR` exits 0
    check       `python -m generator --check` against that folder finds no drift
    ruff        the project's ruff rules pass on the generated folders
    mypy        `mypy --strict` passes on the package
    import      every module of the package imports
    local       every operation, through the endpoint functions and through the facade, against the local server
                started with the same spec (`oruel mock --spec F`): once with only its required values, once with
                every field set (optional fields, query parameters, unions, nested models), and once streaming
                when it streams; a JSON answer must parse and give back what was sent
    prism       the same against Prism 5.14.2 in dynamic mode, started with the same spec (Prism never streams)

A stage after a failed `generate` fails with generation's message, so that nothing that does not work is
reported as passing or skipped.
"""

from __future__ import annotations

import datetime
import gzip
import importlib
import inspect
import json
import os
import pkgutil
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
import yaml

from generator.normalize import openapi_31
from generator.repair import repair

from .conftest import PYTHON, ROOT, TOKEN
from .spec_values import Request, Values, python_key

SPECS = ROOT / "tests" / "fixtures" / "specs"
PRISM = ROOT / "node_modules" / ".bin" / "prism"
START_TIMEOUT = 90.0
CALL_TIMEOUT = 20.0
# The pytest plugin needs the local server's subpackage (oruel_client.mock), which is not copied: the generated
# package is tested through the real `oruel mock`, started as a separate process.
NOT_RUNTIME = {"testing.py"}

# Each fixture, with the stages it is run through. The whole OpenAI document (hundreds of operations) is the
# generator's scale test: generated, checked, linted, type-checked and imported; calling each of its ~290
# operations against two servers would cost more CI time than it proves beyond the slices.
ALL_STAGES = ("generate", "check", "ruff", "mypy", "import", "local", "prism")
FIXTURES: dict[str, tuple[str, ...]] = {
    "openai_files_batches": ALL_STAGES,
    "openai_audio_moderations": ALL_STAGES,
    "openai_fine_tuning": ALL_STAGES,
    "together_rerank_files_finetune": ALL_STAGES,
    "mistral_moderation_finetune": ALL_STAGES,
    "together_endpoints": ALL_STAGES,
    "tgi_openai_compat": ALL_STAGES,
    "openai_full": ("generate", "check", "ruff", "mypy", "import"),
}


# Stages known not to pass yet, each with what is missing (issue 17 tracks them). Each is a strict xfail: the
# run fails as soon as one starts passing, so this list can only shrink, and never hides a new failure.
# A stage that calls operations is keyed per way of calling them ("local:endpoint", "prism:facade").
_PRISM_EVENTS = (
    "Prism 5.14.2 answers POST /generate_stream, whose only success media is text/event-stream, with 500 'Cannot "
    "serialise complex objects as text' (it never streams); POST /v1/chat/completions gets a bare 500 in some runs "
    "(Prism's own failure, not yet explained)"
)
KNOWN_GAPS: dict[tuple[str, str], str] = {
    ("tgi_openai_compat", "prism:endpoint"): _PRISM_EVENTS,
    ("tgi_openai_compat", "prism:facade"): _PRISM_EVENTS,
}


def cases(stage: str) -> list[Any]:
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[name, stage]))
        if (name, stage) in KNOWN_GAPS
        else name
        for name, stages in FIXTURES.items()
        if stage in stages
    ]


def call_cases(stage: str) -> list[Any]:
    """(fixture, via) for a stage that calls every operation, each way of calling it its own known gap."""
    return [
        pytest.param(name, via, marks=pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[name, f"{stage}:{via}"]))
        if (name, f"{stage}:{via}") in KNOWN_GAPS
        else pytest.param(name, via)
        for name, stages in FIXTURES.items()
        if stage in stages
        for via in ("endpoint", "facade")
    ]


@dataclass
class Generated:
    name: str
    spec: Path  # the uncompressed spec file
    root: Path  # holds the package folder: put it on sys.path
    package: str
    returncode: int
    output: str
    seconds: float
    modules: dict[str, ModuleType] = field(default_factory=dict)

    @property
    def folder(self) -> Path:
        return self.root / self.package

    def require(self) -> None:
        """Every later stage stands on generation: fail (never skip) with its message when it failed."""
        if self.returncode != 0:
            pytest.fail(f"not generated (exit {self.returncode}): {first_lines(self.output)}", pytrace=False)


def first_lines(text: str, n: int = 12) -> str:
    """The start of a tool's output; for a Python traceback, its last frame and the exception first."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    # The generator's repair warnings come first; what failed is said after them.
    warnings = [line for line in lines if line.startswith("warning: ")]
    if warnings and len(warnings) < len(lines):
        lines = [line for line in lines if not line.startswith("warning: ")] + [f"({len(warnings)} repair warnings)"]
    if any(line.startswith("Traceback (most recent call last)") for line in lines):
        frames = [line.strip() for line in lines if line.lstrip().startswith('File "')]
        lines = [f"Python traceback: {lines[-1].strip()} (at {frames[-1] if frames else '?'})", *lines]
    return "\n".join(lines[:n]) + (f"\n... ({len(lines) - n} more lines)" if len(lines) > n else "")


def run(cmd: list[str], cwd: Path, timeout: float, env: dict[str, str] | None = None) -> tuple[int, str, float]:
    start = time.monotonic()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env, check=False)
    return proc.returncode, proc.stdout + proc.stderr, time.monotonic() - start


class Workspace:
    """One temporary folder per fixture, generated once per session on first use."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.done: dict[str, Generated] = {}

    def generated(self, name: str) -> Generated:
        if name in self.done:
            return self.done[name]
        root = self.base / name
        root.mkdir()
        spec = root / f"{name}.yaml"
        source = SPECS / f"{name}.yaml"
        if source.exists():
            shutil.copy(source, spec)
        else:
            spec.write_bytes(gzip.decompress((SPECS / f"{name}.yaml.gz").read_bytes()))
        package = f"fx_{name}"
        cmd = [PYTHON, "-m", "generator", "--spec", str(spec), "--package", package, "--out", str(root / package)]
        code, output, seconds = run(cmd, ROOT, timeout=300)
        gen = Generated(name, spec, root, package, code, output, seconds)
        if code == 0:
            for module in (ROOT / "oruel_client").glob("*.py"):  # the hand-written runtime, as in test_generality
                if module.name not in NOT_RUNTIME:
                    shutil.copy(module, gen.folder / module.name)
        self.done[name] = gen
        return gen


@pytest.fixture(scope="session")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    ws = Workspace(tmp_path_factory.mktemp("real_specs"))
    yield ws
    for gen in ws.done.values():
        if str(gen.root) in sys.path:
            sys.path.remove(str(gen.root))
        for mod in [m for m in sys.modules if m == gen.package or m.startswith(gen.package + ".")]:
            del sys.modules[mod]


# ------------------------------------------------------------------------------------------------ static stages


@pytest.mark.parametrize("name", cases("generate"))
def test_generate(workspace: Workspace, name: str) -> None:
    gen = workspace.generated(name)
    assert gen.returncode == 0, (
        f"generation failed (exit {gen.returncode}, {gen.seconds:.1f} s):\n{first_lines(gen.output, 40)}"
    )
    assert "Traceback" not in gen.output, gen.output


@pytest.mark.parametrize("name", cases("check"))
def test_check(workspace: Workspace, name: str) -> None:
    gen = workspace.generated(name)
    gen.require()
    cmd = [PYTHON, "-m", "generator", "--check", "--spec", str(gen.spec), "--package", gen.package]
    code, output, _ = run([*cmd, "--out", str(gen.folder)], ROOT, timeout=300)
    assert code == 0, f"--check failed (exit {code}):\n{first_lines(output, 30)}"


@pytest.mark.parametrize("name", cases("ruff"))
def test_ruff(workspace: Workspace, name: str) -> None:
    gen = workspace.generated(name)
    gen.require()
    folders = [str(gen.folder / owned) for owned in ("api", "models", "_generated") if (gen.folder / owned).exists()]
    cmd = [
        PYTHON,
        "-m",
        "ruff",
        "check",
        "--no-cache",
        "--output-format=concise",
        "--config",
        str(ROOT / "pyproject.toml"),
        *folders,
    ]
    code, output, _ = run(cmd, gen.root, timeout=300)
    assert code == 0, f"ruff found problems in the generated code:\n{first_lines(output, 30)}"


@pytest.mark.parametrize("name", cases("mypy"))
def test_mypy(workspace: Workspace, name: str) -> None:
    gen = workspace.generated(name)
    gen.require()
    cmd = [PYTHON, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"), "--strict"]
    # One cache for all fixtures: the standard library, httpx and attrs are analysed once per session.
    cmd += ["--cache-dir", str(gen.root.parent / ".mypy_cache"), "-p", gen.package]
    env = {**os.environ, "MYPYPATH": str(gen.root)}
    code, output, _ = run(cmd, gen.root, timeout=600, env=env)
    assert code == 0, f"mypy --strict failed:\n{first_lines(output, 30)}"


def import_all(gen: Generated) -> dict[str, ModuleType]:
    """Import every module of the generated package (once); the endpoint modules are keyed by (method, path)."""
    gen.require()
    if gen.modules:
        return gen.modules
    if str(gen.root) not in sys.path:
        sys.path.insert(0, str(gen.root))
    package = importlib.import_module(gen.package)
    failures = []
    for info in pkgutil.walk_packages(package.__path__, gen.package + "."):
        try:
            gen.modules[info.name] = importlib.import_module(info.name)
        except Exception as exc:  # noqa: BLE001 - every failing module is reported, not only the first
            failures.append(f"{info.name}: {type(exc).__name__}: {exc}")
    assert not failures, f"{len(failures)} modules do not import:\n" + "\n".join(failures[:20])
    return gen.modules


@pytest.mark.parametrize("name", cases("import"))
def test_import(workspace: Workspace, name: str) -> None:
    modules = import_all(workspace.generated(name))
    assert any(".api." in m for m in modules), "no endpoint module was generated"


LAZY_PROBE = """
import functools, json, sys
import {package} as pkg
from {package}._generated.resources import Resources

client = pkg.Oruel(api_key="k", base_url="http://127.0.0.1:9")
loaded = lambda: sorted(m for m in sys.modules if m.startswith("{package}._generated.resources."))
before = loaded()
first = next(k for k, v in vars(Resources).items() if isinstance(v, functools.cached_property))
getattr(client, first)
print(json.dumps([before, first, loaded(), sum(1 for m in sys.modules if m.startswith("{package}.models."))]))
"""


@pytest.mark.parametrize("name", cases("import"))
def test_the_client_imports_only_the_resources_it_uses(workspace: Workspace, name: str) -> None:
    """However many operations the spec has, building the client loads no facade module, and the first resource
    used loads its own module only (and no model: those load on the first call)."""
    gen = workspace.generated(name)
    gen.require()
    env = {**os.environ, "PYTHONPATH": str(gen.root)}
    code, output, _ = run([PYTHON, "-c", LAZY_PROBE.format(package=gen.package)], gen.root, timeout=60, env=env)
    assert code == 0, first_lines(output, 30)
    before, first, after, models = json.loads(output.strip().splitlines()[-1])
    resources = f"{gen.package}._generated.resources."
    assert before == [] and models == 0, (before, models)
    assert len(after) == 1 and after[0].startswith(resources), (first, after)


# ------------------------------------------------------------------------------------------------ servers


class Servers:
    """The servers started by this session, one per (kind, fixture), stopped at its end."""

    def __init__(self) -> None:
        self.urls: dict[tuple[str, str], str] = {}
        self.procs: list[subprocess.Popen[str]] = []

    def stop(self) -> None:
        for proc in self.procs:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)

    def local(self, gen: Generated) -> str:
        """`oruel mock --spec F --port 0`; the server prints its base URL on its first line."""
        key = ("local", gen.name)
        if key not in self.urls:
            cmd = [PYTHON, "-m", "oruel_client.cli", "mock", "--spec", str(gen.spec), "--port", "0"]
            log = gen.root / "local.log"
            proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=log.open("w"), text=True)
            self.procs.append(proc)
            lines: list[str] = []
            reader = threading.Thread(target=lambda: lines.append(proc.stdout.readline() if proc.stdout else ""))
            reader.start()
            reader.join(START_TIMEOUT)
            if not lines or not lines[0].startswith("http"):
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    pass
                pytest.fail(
                    f"`oruel mock --spec` did not start (exit {proc.returncode}): "
                    f"{first_lines(log.read_text(encoding='utf-8') or ''.join(lines))}",
                    pytrace=False,
                )
            self.urls[key] = lines[0].strip()
        return self.urls[key]

    def prism(self, gen: Generated) -> str:
        """Prism in dynamic mode; it serves the spec's paths at its root, whatever `servers` says."""
        key = ("prism", gen.name)
        if key not in self.urls:
            assert PRISM.exists(), f"{PRISM} is missing: run `npm ci` (package.json pins Prism 5.14.2)"
            with socket.socket() as sock:
                sock.bind(("127.0.0.1", 0))
                port = sock.getsockname()[1]
            url = f"http://127.0.0.1:{port}"
            log = gen.root / "prism.log"
            env = {**os.environ, "SCARF_ANALYTICS": "false"}
            cmd = [str(PRISM), "mock", "-d", "-h", "127.0.0.1", "-p", str(port), str(gen.spec)]
            proc = subprocess.Popen(cmd, cwd=gen.root, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
            self.procs.append(proc)  # type: ignore[arg-type]
            deadline = time.monotonic() + START_TIMEOUT
            while True:
                if proc.poll() is not None:
                    pytest.fail(f"Prism exited with {proc.returncode}:\n{first_lines(log.read_text(), 30)}")
                try:
                    httpx.get(url + "/", timeout=2.0)
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        pytest.fail(f"Prism did not answer within {START_TIMEOUT} s:\n{log.read_text()}")
                    time.sleep(0.25)
            self.urls[key] = url
        return self.urls[key]


@pytest.fixture(scope="session")
def servers() -> Iterator[Servers]:
    s = Servers()
    yield s
    s.stop()


# ------------------------------------------------------------------------------------------------ calls


def bind(func: Callable[..., Any], req: Request, body: str) -> tuple[list[Any], dict[str, Any]]:
    """Arguments for func: path parameters positional, query and header parameters by keyword; the body as
    `body=` (body == "body") or spread into keywords, one per field (body == "spread", the facade)."""
    sig = inspect.signature(func)
    keywords = {python_key(p.name): p.name for p in sig.parameters.values() if p.kind is not p.POSITIONAL_ONLY}
    positional = [
        p.name
        for p in sig.parameters.values()
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.name not in ("self", "client")
    ]
    args = [value for _, value in req.path_params]
    if len(positional) != len(args):
        raise AssertionError(
            f"takes positional {positional}, the path has {[n for n, _ in req.path_params]} ({func.__qualname__})"
        )
    kwargs: dict[str, Any] = {}
    named = [*req.query.items(), *req.headers.items()]
    if body == "spread" and isinstance(req.body, dict):
        named += list(req.body.items())
    elif req.body is not None:
        named.append(("body", req.body))
    for name, value in named:
        if python_key(name) not in keywords:
            raise AssertionError(f"has no keyword for {name!r} ({func.__qualname__}{sig})")
        kwargs[keywords[python_key(name)]] = value
    return args, kwargs


def streams(values: Values, req: Request) -> bool:
    """The operation answers with an event stream when its body says `stream: true`."""
    op = values.doc["paths"][req.path][req.method]
    ok = next((r for s, r in (op.get("responses") or {}).items() if str(s).startswith("2")), {})
    media = (values.resolve(ok).get("content") or {}).keys()
    body = values.resolve(op.get("requestBody") or {})
    schema = values.resolve(next(iter((body.get("content") or {}).values()), {}).get("schema", {}))
    props = {
        k
        for part in [schema, *(values.resolve(s) for s in schema.get("allOf", []))]
        for k in (part.get("properties") or {})
    }
    return "text/event-stream" in media and "stream" in props


def consume(result: Any) -> Any:
    """Read a stream to its end (closing it); any other answer is returned as it is."""
    if hasattr(result, "__iter__") and hasattr(result, "close") and hasattr(result, "response"):
        with result:
            return list(result)
    return result


def path_key(path: str) -> str:
    """A path template with each parameter's name reduced as python_key does (`{fileId}`, `{file_id}` alike)."""
    return re.sub(r"\{([^}]+)\}", lambda m: "{" + python_key(m.group(1)) + "}", path)


def same_instant(got: Any, sent: Any) -> bool:
    """Two date-time strings that name the same instant (`...00.0Z` sent, `...00+00:00` given back)."""
    if not (isinstance(got, str) and isinstance(sent, str) and "T" in sent and "T" in got):
        return False
    try:
        a = datetime.datetime.fromisoformat(got.replace("Z", "+00:00"))
        b = datetime.datetime.fromisoformat(sent.replace("Z", "+00:00"))
    except ValueError:
        return False
    return (a.tzinfo is None) == (b.tzinfo is None) and a == b


def first_difference(got: Any, sent: Any, where: str = "") -> str | None:
    """The JSON path of the first place where got differs from sent, with both values; None if equal."""
    if isinstance(got, dict) and isinstance(sent, dict):
        for key in sorted(set(got) | set(sent)):
            if key not in got or key not in sent:
                return f"{where}/{key}: {'missing' if key not in got else 'added'} after parsing"
            found = first_difference(got[key], sent[key], f"{where}/{key}")
            if found:
                return found
        return None
    if isinstance(got, list) and isinstance(sent, list) and len(got) == len(sent):
        for i, (a, b) in enumerate(zip(got, sent, strict=True)):
            found = first_difference(a, b, f"{where}/{i}")
            if found:
                return found
        return None
    if got == sent or same_instant(got, sent):
        return None
    return f"{where or '/'}: sent {sent!r:.80}, parsed back as {got!r:.80}"


def round_trips(answer: Any) -> None:
    """The parsed JSON answer gives back what the server sent (a union branch picked wrongly, a field dropped
    or renamed, would not)."""
    parsed = answer.parse()
    if not hasattr(parsed, "to_dict") or not answer.headers.get("content-type", "").startswith("application/json"):
        return
    back = json.loads(json.dumps(parsed.to_dict(), default=str))
    difference = first_difference(back, answer.json())
    if difference:
        raise AssertionError(f"the parsed answer does not give back what was sent: {difference}")


def call_every_operation(gen: Generated, url: str, via: str, with_streams: bool) -> None:
    """Call each operation of the spec once (and once more streaming, when asked and it streams); fail with
    one line per operation that did not work."""
    modules = import_all(gen)
    client_mod = modules[f"{gen.package}._client"]
    rules = modules[f"{gen.package}._generated.rules"]
    # The generator names path parameters as Python arguments (`{endpointId}` -> `{endpoint_id}`): the spec's
    # path and the generated one are compared with their parameter names reduced alike.
    endpoints = {(m.HTTP_METHOD, path_key(m.PATH_TEMPLATE)): m for m in modules.values() if hasattr(m, "OPERATION_ID")}
    facade = {(info["method"], path_key(info["path"])): info.get("resource") for info in rules.OPERATIONS.values()}
    # Values from the document as the generator reads it: its benign mistakes repaired (TGI's string defaults such
    # as "null", 3.1 numeric bounds in a 3.0 document) and in 3.1 form, so a value is one the client accepts.
    doc = yaml.load(gen.spec.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    repair(doc)
    openapi_31(doc)
    values = Values(doc)
    # Each operation with only its required values, again with every field set (optional fields, unions and
    # nested models too) when that differs, and streaming when its body has `stream` and it answers a stream.
    plans: list[tuple[str, Request, bool]] = []
    for req, full in zip(values.requests(), Values(values.doc, full=True).requests(), strict=True):
        plans.append(("", req, False))
        if (full.query, full.body) != (req.query, req.body):
            plans.append((" (all fields)", full, False))
        if with_streams and isinstance(req.body, dict) and streams(values, req):
            plans.append((" (stream)", replace(req, body={**req.body, "stream": True}), True))
    failures: list[str] = []
    with client_mod.Oruel(api_key=TOKEN, base_url=url, max_retries=0, timeout=CALL_TIMEOUT) as client:
        for suffix, req, stream in plans:
            try:
                if via == "endpoint":
                    module = endpoints.get((req.method, path_key(req.path)))
                    if module is None:
                        raise AssertionError("no endpoint module was generated")
                    func = module.sync_stream if stream else module.sync_detailed
                    args, kwargs = bind(func, req, "body")
                    answer = func(*args, client=client, **kwargs)
                    if stream:
                        consume(answer)
                    else:
                        round_trips(answer)
                else:
                    resource = facade.get((req.method, path_key(req.path)))
                    if not resource:
                        raise AssertionError("no facade method (OPERATIONS has no resource)")
                    target: Any = client
                    for part in resource.split("."):
                        target = getattr(target, part)
                    args, kwargs = bind(target, req, "spread")
                    consume(target(*args, **kwargs))
            except Exception as exc:  # noqa: BLE001 - each operation's failure is reported
                text = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
                response = getattr(exc, "response", None)
                if response is not None and "sl-violations" in response.headers:  # what Prism found wrong
                    text += f" (sl-violations: {response.headers['sl-violations'][:400]})"
                elif response is not None and response.status_code == 422:
                    text += f" (body: {response.text[:400]})"
                failures.append(f"{req.label}{suffix}: {type(exc).__name__}: {text}")
    calls = len(plans)
    assert not failures, f"{len(failures)} of {calls} calls failed ({via}):\n" + "\n".join(failures)


@pytest.mark.parametrize(("name", "via"), call_cases("local"))
def test_local_server(workspace: Workspace, servers: Servers, name: str, via: str) -> None:
    gen = workspace.generated(name)
    gen.require()
    call_every_operation(gen, servers.local(gen), via, with_streams=True)


@pytest.mark.parametrize(("name", "via"), call_cases("prism"))
def test_prism(workspace: Workspace, servers: Servers, name: str, via: str) -> None:
    gen = workspace.generated(name)
    gen.require()
    call_every_operation(gen, servers.prism(gen), via, with_streams=False)


# ------------------------------------------------------------------------------------------------ the harness itself


def test_the_round_trip_compares_date_times_as_instants() -> None:
    assert first_difference({"t": "2024-01-01T10:00:00+00:00"}, {"t": "2024-01-01T10:00:00.0Z"}) is None
    assert first_difference({"t": "2024-01-01T10:00:01+00:00"}, {"t": "2024-01-01T10:00:00.0Z"}) is not None
    assert first_difference({"t": "2024-01-01T10:00:00"}, {"t": "2024-01-01T10:00:00Z"}) is not None  # naive
    assert first_difference({"t": "a T b"}, {"t": "a T c"}) is not None


def test_paths_match_whatever_the_case_of_their_parameters() -> None:
    assert path_key("/endpoints/{endpointId}") == path_key("/endpoints/{endpoint_id}")
    assert path_key("/a/{x}/b") != path_key("/a/{x}/c")
