"""The project's tasks with nothing but Python 3.11 (and Node for Prism):
`python3 .ci/tasks.py install|demo|test|generate|check|lint|bench|package`.

Every task first makes sure `.venv` exists and holds the package (editable, with the `mock` extra) and the `dev`
dependency group (installed again only when pyproject.toml changed). `test --python 3.12` runs the suite on
another interpreter, in its own `.venv-3.12`. `package` builds the sdist and the wheel and proves both work
outside this checkout (.ci/package_check.py). The Makefile offers the same tasks for those who have make.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"
TASKS = "install demo test generate check lint bench package"


def run(*cmd: str | Path, check: bool = True) -> int:
    print("$", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run([str(c) for c in cmd], cwd=ROOT, check=check).returncode


def install(venv: Path = VENV, python: str | Path = sys.executable) -> Path:
    """An up-to-date venv with the editable package, its `mock` extra and the `dev` group; returns its python."""
    py = venv / "bin" / "python"
    stamp = venv / ".installed-stamp"
    pyproject = ROOT / "pyproject.toml"
    if stamp.exists() and stamp.stat().st_mtime >= pyproject.stat().st_mtime:
        return py
    if not py.exists():
        run(python, "-m", "venv", venv)
    # pip >= 25.1 reads PEP 735 dependency groups (`--group`).
    run(py, "-m", "pip", "install", "--quiet", "--upgrade", "pip>=25.1")
    run(py, "-m", "pip", "install", "--quiet", "-e", ".[mock]", "--group", "dev")
    stamp.touch()
    return py


def install_prism() -> None:
    """Prism (tests/contract/test_servers.py) from package-lock.json, again only when the lockfile changed."""
    lock, installed = ROOT / "package-lock.json", ROOT / "node_modules" / ".package-lock.json"
    if installed.exists() and installed.stat().st_mtime >= lock.stat().st_mtime:
        return
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("npm is not on PATH: the contract tests need Node and npm for Prism")
    run(npm, "ci", "--no-audit", "--no-fund", "--loglevel=error")


def find_python(version: str) -> str:
    """The interpreter for `version` (e.g. 3.12): `pythonX.Y` on PATH if it runs, else pyenv's install of it.

    pyenv's `pythonX.Y` shim exists for every installed version but runs only the selected ones, so each
    candidate is actually run. Missing interpreters fail loudly: CI must never pass by testing fewer versions.
    """
    candidates: list[str] = []
    on_path = shutil.which(f"python{version}")
    if on_path:
        candidates.append(on_path)
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    found = glob.glob(str(pyenv_root / "versions" / f"{version}.*" / "bin" / f"python{version}"))
    candidates += sorted(found, key=lambda p: [int(x) for x in Path(p).parts[-3].split(".") if x.isdigit()])[::-1]
    for candidate in candidates:
        probe = subprocess.run(
            [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"], capture_output=True, text=True
        )
        if probe.returncode == 0 and probe.stdout.strip() == version:
            return candidate
    raise SystemExit(
        f"tasks.py: no working Python {version}: tried python{version} on PATH and "
        f"{pyenv_root}/versions/{version}.*/bin/python{version} ({', '.join(candidates) or 'none found'})"
    )


def test(rest: list[str]) -> int:
    py = PY
    if rest[:1] == ["--python"]:
        if len(rest) < 2:
            raise SystemExit("tasks.py: test --python needs a version, e.g. 3.12")
        version, rest = rest[1], rest[2:]
        py = install(ROOT / f".venv-{version}", find_python(version))
        run(py, "--version")
    return run(py, "-m", "pytest", "-q", *rest, check=False)


def demo(port: str) -> None:
    """Regenerate from the spec, show the drift check passing, then the local server, CLI and Python example."""
    run(PY, "-m", "generator")
    run(PY, "-m", "generator", "--check")
    run(PY, ".ci/demo.py", "--port", port)


def lint() -> None:
    paths = ["oruel_client", "generator", "tests"] + (["bench"] if (ROOT / "bench").is_dir() else [])
    run(PY, "-m", "ruff", "check", *paths)
    run(PY, "-m", "ruff", "format", "--check", *paths)
    run(PY, "-m", "mypy", "--strict", "oruel_client")
    # The generator and the bench are code people read and extend: typed as strictly as the package.
    run(PY, "-m", "mypy", "--strict", "-p", "generator", "-p", "bench")


def main(argv: list[str]) -> int:
    task = argv[0] if argv else "test"
    rest = argv[1:]
    if task not in TASKS.split():
        print(f"unknown task {task!r}; tasks: {TASKS}", file=sys.stderr)
        return 2
    install()
    install_prism()
    if task == "install":
        return 0
    if task == "demo":
        demo(os.environ.get("PORT", "0"))  # 0: any free port
    elif task == "test":
        return test(rest)
    elif task == "generate":
        run(PY, "-m", "generator", *rest)
    elif task == "check":
        run(PY, "-m", "generator", "--check", *rest)
    elif task == "lint":
        lint()
    elif task == "bench":
        run(PY, "-m", "bench", *rest)
    elif task == "package":
        run(PY, ".ci/package_check.py", *rest)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except subprocess.CalledProcessError as err:
        sys.exit(err.returncode or 1)
