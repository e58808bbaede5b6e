"""`python3 .ci/tasks.py package`: build the sdist and the wheel, and prove both work outside this checkout.

1. `python -m build` (the wheel is built from the sdist, as a packager would); check what each holds and the
   metadata a packager reads (SPDX license, license file, classifiers, URLs, extras, entry points).
2. The wheel, installed with its `testing` extra into a fresh venv in a temp dir: import it (from that venv,
   not from here), run a chat and a stream against the local server started from that venv, run the `oruel`
   CLI, use the `oruel_mock_server` pytest fixture with no import, and type-check a snippet with mypy.
3. `pip install -e .` of this checkout into another fresh venv: mypy finds the package (a path entry, not an
   import hook).
4. The sdist, unpacked in a temp dir: install it for development, `python -m generator --check`, the tests.

The fresh venvs use `--python X.Y` (default: the running interpreter's version). CI passes 3.13, so that the
suite run from the sdist is also CI's test run on Python 3.13 (3.11 and 3.12 run from the checkout).

Usage: .ci/package_check.py [--python X.Y] [--keep] [--skip-sdist-tests]   (--keep leaves the temp dir)
"""

from __future__ import annotations

import argparse
import email
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import textwrap
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / ".ci")]
from tasks import find_python  # noqa: E402

from oruel_client._version import __version__ as VERSION  # noqa: E402

# What the sdist must hold so that anyone can regenerate and test from it.
SDIST_MUST_HOLD = (
    "pyproject.toml",
    "README.md",
    "LICENSE",
    "MANIFEST.in",
    "openapi.yaml",
    "package.json",
    "package-lock.json",
    "templates/",
    "generator/__main__.py",
    "tests/conftest.py",
    "tests/cli/test_cli.py",
    "oruel_client/py.typed",
    ".ci/tasks.py",
)
MYPY_PIN = "mypy==2.4.1"  # as in the dev group

SMOKE = textwrap.dedent(
    """
    import subprocess, sys
    from pathlib import Path
    import oruel_client
    from oruel_client import Oruel
    from oruel_client.mock import MockServer

    where = Path(oruel_client.__file__).resolve()
    assert Path(sys.prefix).resolve() in where.parents, f"imported from {where}, not from the venv"
    assert oruel_client.__version__ == sys.argv[1], oruel_client.__version__
    oruel = Path(sys.executable).with_name("oruel")
    with MockServer() as server:
        client = Oruel(api_key="oruel_" + "0" * 48, base_url=server.url)
        resp = client.chat.completions.create(
            model="llama-4-maverick", messages=[{"role": "user", "content": "hi"}], max_tokens=8, top_k=5
        )
        assert resp.choices[0].message.content, resp
        with client.chat.completions.create(
            model="llama-4-maverick", messages=[{"role": "user", "content": "hi"}], max_tokens=8, top_k=5, stream=True
        ) as stream:
            text = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
        assert text == resp.choices[0].message.content, (text, resp)
        env = {"ORUEL_API_KEY": "oruel_" + "0" * 48, "ORUEL_BASE_URL": server.url, "PATH": "/usr/bin:/bin"}
        argv = [oruel, "chat", "--max-tokens", "8", "--top-k", "5", "hi"]
        out = subprocess.run(argv, env=env, capture_output=True, text=True)
        assert out.returncode == 0 and out.stdout.strip() == text, out
        out = subprocess.run([oruel, "chat", "--tier", "fast", "hi"], env=env, capture_output=True, text=True)
        assert out.returncode == 3 and "tier" in out.stderr, out
        out = subprocess.run([oruel, "--version"], capture_output=True, text=True)
        assert out.stdout.strip() == "oruel " + sys.argv[1], out
    print("smoke test passed: import, chat, stream, CLI", oruel_client.__version__, "from", where.parent)
    """
)

USER_TEST = textwrap.dedent(
    """
    from oruel_client import Oruel

    def test_the_fixture_needs_no_import(oruel_mock_server):
        client = Oruel(api_key="oruel_" + "0" * 48, base_url=oruel_mock_server.url)
        assert [m.id for m in client.models.list().data]
    """
)

TYPED_SNIPPET = textwrap.dedent(
    """
    from oruel_client import Oruel, OruelValidationError

    client = Oruel(api_key="oruel_" + "0" * 48)
    resp = client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
    content: object = resp.choices[0].message.content
    wrong: int = resp.choices[0].message.content  # mypy must report this line: proof it sees the types
    error: type[ValueError] = OruelValidationError
    """
)


def step(title: str) -> None:
    print(f"\n== {title}", flush=True)


def run(*cmd: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    print("$", " ".join(str(c) for c in cmd), f"  (in {cwd})", flush=True)
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, text=True, capture_output=True)
    if proc.returncode != 0:
        sys.stdout.write(proc.stdout[-6000:])
        sys.stderr.write(proc.stderr[-6000:])
        raise SystemExit(f"package check failed: exit {proc.returncode} from {' '.join(map(str, cmd))}")
    return proc


def clean_env() -> dict[str, str]:
    """The environment without anything that would make a venv see this checkout."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}


def new_venv(path: Path, python: str) -> Path:
    run(python, "-m", "venv", path, cwd=path.parent)
    py = path / "bin" / "python"
    run(py, "-m", "pip", "install", "--quiet", "--upgrade", "pip>=25.1", cwd=path.parent)
    return py


def check_mypy(py: Path, where: Path) -> None:
    """mypy, run from a directory outside the checkout, must resolve oruel_client and its types."""
    snippet = where / "snippet.py"
    snippet.write_text(TYPED_SNIPPET)
    proc = subprocess.run(
        [str(py), "-m", "mypy", "--strict", "--no-incremental", "snippet.py"],
        cwd=where,
        env=clean_env(),
        text=True,
        capture_output=True,
    )
    out = proc.stdout + proc.stderr
    print(out.strip())
    errors = [line for line in out.splitlines() if ": error:" in line]
    if len(errors) != 1 or "snippet.py:7:" not in errors[0] or "[assignment]" not in errors[0]:
        raise SystemExit("package check failed: mypy did not see oruel_client's types (expected one error, line 7)")


def check_artifacts(dist: Path) -> tuple[Path, Path]:
    sdists, wheels = list(dist.glob("*.tar.gz")), list(dist.glob("*.whl"))
    assert len(sdists) == 1 and len(wheels) == 1, os.listdir(dist)
    sdist, wheel = sdists[0], wheels[0]
    assert sdist.name == f"oruel_client-{VERSION}.tar.gz", sdist.name
    assert wheel.name == f"oruel_client-{VERSION}-py3-none-any.whl", wheel.name
    with tarfile.open(sdist) as tar:
        prefix = f"oruel_client-{VERSION}/"
        names = {n[len(prefix) :] for n in tar.getnames()}
    missing = [m for m in SDIST_MUST_HOLD if not any(n == m or n.startswith(m) for n in names)]
    assert not missing, f"the sdist lacks {missing}"
    assert not any("__pycache__" in n or n.startswith((".venv", "node_modules")) for n in names)
    with zipfile.ZipFile(wheel) as whl:
        wheel_names = whl.namelist()
        meta = email.message_from_bytes(whl.read(f"oruel_client-{VERSION}.dist-info/METADATA"))
        entry_points = whl.read(f"oruel_client-{VERSION}.dist-info/entry_points.txt").decode()
    tops = {n.split("/")[0] for n in wheel_names}
    assert tops == {"oruel_client", f"oruel_client-{VERSION}.dist-info"}, f"the wheel holds more: {tops}"
    assert "oruel_client/py.typed" in wheel_names
    assert f"oruel_client-{VERSION}.dist-info/licenses/LICENSE" in wheel_names, wheel_names
    assert meta["License-Expression"] == "MIT", meta["License-Expression"]
    assert meta.get_all("License-File") == ["LICENSE"], meta.get_all("License-File")
    classifiers = meta.get_all("Classifier") or []
    for wanted in ("Typing :: Typed", *(f"Programming Language :: Python :: 3.{m}" for m in (11, 12, 13))):
        assert wanted in classifiers, f"missing classifier {wanted}"
    assert not [c for c in classifiers if c.startswith("License ::")], "license classifiers clash with SPDX"
    assert meta.get_all("Project-URL") == ["Documentation, https://cloud.oru-el.com/docs"], meta.get_all("Project-URL")
    extras = set(meta.get_all("Provides-Extra") or [])
    # Dev tools are a dependency group, not an extra.
    assert extras == {"batch", "conformance", "mock", "ray", "testing"}, f"published extras: {extras}"
    assert "[pytest11]" in entry_points and "oruel_client = oruel_client.testing" in entry_points, entry_points
    print(f"{sdist.name}: {len(names)} files; {wheel.name}: {len(wheel_names)} files; metadata ok")
    return sdist, wheel


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--python", metavar="X.Y", default=f"{sys.version_info[0]}.{sys.version_info[1]}", help="venvs")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir")
    parser.add_argument("--skip-sdist-tests", action="store_true", help="do not run the suite from the sdist")
    args = parser.parse_args()
    started = time.monotonic()
    python = find_python(args.python)
    print(f"fresh venvs use {python}", flush=True)
    tmp = Path(tempfile.mkdtemp(prefix="oruel-package-"))
    try:
        step("build the sdist, then the wheel from it")
        dist = tmp / "dist"
        run(sys.executable, "-m", "build", "--outdir", dist, ROOT, cwd=tmp)
        sdist, wheel = check_artifacts(dist)

        step("the wheel in a fresh venv outside the checkout")
        wheel_py = new_venv(tmp / "wheel-venv", python)
        run(wheel_py, "-m", "pip", "install", "--quiet", f"{wheel}[testing]", MYPY_PIN, cwd=tmp)
        work = tmp / "user-project"
        work.mkdir()
        (work / "smoke.py").write_text(SMOKE)
        print(run(wheel_py, "smoke.py", VERSION, cwd=work, env=clean_env()).stdout.strip())
        (work / "test_user.py").write_text(USER_TEST)
        proc = run(wheel_py, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_user.py", cwd=work, env=clean_env())
        assert "1 passed" in proc.stdout, proc.stdout
        print("pytest plugin: oruel_mock_server works with no import")
        check_mypy(wheel_py, work)

        step("`pip install -e .` of this checkout in a fresh venv: mypy finds the package")
        editable_py = new_venv(tmp / "editable-venv", python)
        run(editable_py, "-m", "pip", "install", "--quiet", "-e", ROOT, MYPY_PIN, cwd=tmp)
        check_mypy(editable_py, work)

        step("the sdist, unpacked: regenerate-check and test from it")
        with tarfile.open(sdist) as tar:
            tar.extractall(tmp / "sdist", filter="data")
        src = tmp / "sdist" / f"oruel_client-{VERSION}"
        src_py = new_venv(tmp / "sdist-venv", python)
        run(src_py, "-m", "pip", "install", "--quiet", "-e", ".[mock]", "--group", "dev", cwd=src)
        print(run(src_py, "-m", "generator", "--check", cwd=src, env=clean_env()).stdout.strip()[-500:])
        if not args.skip_sdist_tests:
            # The real vendor specs and the local Ray cluster run once per CI run (.ci/run, on 3.11), not here.
            proc = run(
                src_py,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "--ignore=tests/generator/test_real_specs.py",
                "--ignore=tests/ray",
                cwd=src,
                env=clean_env(),
            )
            print(f"from the sdist, on Python {args.python}:", proc.stdout.strip().splitlines()[-1])
    finally:
        if args.keep:
            print(f"(kept {tmp})")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"\npackage check passed in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
