"""The project's tasks with nothing but Python 3.11: `python3 .ci/tasks.py demo|test|generate|check|lint|bench`.

Every task first makes sure `.venv` exists and holds the package with its `dev` and `mock` extras (installed
again only when pyproject.toml changed). The Makefile offers the same tasks for those who have make.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"
STAMP = VENV / ".installed-stamp"


def run(*cmd: str | Path, check: bool = True) -> int:
    print("$", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run([str(c) for c in cmd], cwd=ROOT, check=check).returncode


def install() -> None:
    pyproject = ROOT / "pyproject.toml"
    if STAMP.exists() and STAMP.stat().st_mtime >= pyproject.stat().st_mtime:
        return
    if not PY.exists():
        run(sys.executable, "-m", "venv", VENV)
    run(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PY, "-m", "pip", "install", "--quiet", "-e", ".[dev,mock]")
    STAMP.touch()


def demo(port: str) -> None:
    """Regenerate from the spec, show the drift check passing, then the local server, CLI and Python example."""
    run(PY, "-m", "generator")
    run(PY, "-m", "generator", "--check")
    run(PY, ".ci/demo.py", "--port", port)


def lint() -> None:
    paths = ["oruel_client", "generator", "tests"] + (["bench"] if (ROOT / "bench").is_dir() else [])
    run(PY, "-m", "ruff", "check", *paths)
    run(PY, "-m", "mypy", "--strict", "oruel_client")


def main(argv: list[str]) -> int:
    task = argv[0] if argv else "test"
    rest = argv[1:]
    install()
    if task == "install":
        return 0
    if task == "demo":
        demo(os.environ.get("PORT", "0"))  # 0: any free port
    elif task == "test":
        return run(PY, "-m", "pytest", "-q", *rest, check=False)
    elif task == "generate":
        run(PY, "-m", "generator", *rest)
    elif task == "check":
        run(PY, "-m", "generator", "--check", *rest)
    elif task == "lint":
        lint()
    elif task == "bench":
        run(PY, "-m", "bench", *rest)
    else:
        print(f"unknown task {task!r}; tasks: install demo test generate check lint bench", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except subprocess.CalledProcessError as err:
        sys.exit(err.returncode or 1)
