"""The package as installed (`pip install -e .` by `.ci/tasks.py install`): the metadata a packager reads, one
version string everywhere, the pytest plugin, and types that mypy finds from outside the checkout.

The built sdist and wheel, installed into fresh venvs, are checked by `.ci/package_check.py` (CI's
`python3 .ci/tasks.py package`): building and installing take minutes, too long for every test run.
"""

from __future__ import annotations

import importlib.metadata as md
import os
import re
import subprocess
import sys
import sysconfig
import textwrap
import tomllib
from pathlib import Path
from typing import Any

import pytest

import oruel_client
from oruel_client._version import __version__

ROOT = Path(__file__).resolve().parents[2]
DIST = "oruel-client"
OUTSIDE_ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTEST_DISABLE_PLUGIN_AUTOLOAD")}


def installed() -> md.Distribution:
    """The installed distribution in this venv's site-packages (not an egg-info a build left in the checkout)."""
    found = list(md.distributions(name=DIST, path=[sysconfig.get_path("purelib")]))
    assert len(found) == 1, f"{DIST} is not installed in {sysconfig.get_path('purelib')}"
    return found[0]


def pyproject() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


# ------------------------------------------------------------------------------------------ metadata


def test_license_is_an_spdx_expression_with_its_file() -> None:
    meta = installed().metadata
    assert meta["License-Expression"] == "MIT"
    assert meta.get_all("License-File") == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "the oruel-client authors" in text


def test_classifiers_say_typed_and_the_tested_pythons() -> None:
    classifiers = installed().metadata.get_all("Classifier") or []
    assert "Typing :: Typed" in classifiers
    tested = [c.rsplit(" ", 1)[1] for c in classifiers if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)]
    assert tested == ["3.11", "3.12", "3.13"]
    # CI tests every one of them: 3.11 by `tasks.py test`, the others named by `--python` in .ci/run
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 .ci/tasks.py test\n" in ci
    others = re.findall(r"^python3 \.ci/tasks\.py (?:test|package) --python (3\.\d+)", ci, re.M)
    assert sorted(others) == ["3.12", "3.13"]
    assert installed().metadata["Requires-Python"] == ">=3.11"


def test_project_urls_are_real() -> None:
    assert installed().metadata.get_all("Project-URL") == ["Documentation, https://cloud.oru-el.com/docs"]


def test_dev_tools_are_a_dependency_group_not_an_extra() -> None:
    meta = installed().metadata
    assert set(meta.get_all("Provides-Extra") or []) == {"batch", "conformance", "mock", "ray", "testing"}
    requires = meta.get_all("Requires-Dist") or []
    assert not [r for r in requires if "mypy" in r or "ruff" in r or "openai" in r], requires
    dev = pyproject()["dependency-groups"]["dev"]
    assert all("==" in req for req in dev if not req.startswith("types-")), dev  # exact pins stay exact


def test_the_testing_extra_brings_pytest_and_the_server() -> None:
    requires = installed().metadata.get_all("Requires-Dist") or []
    testing = {r.split(";")[0].strip() for r in requires if 'extra == "testing"' in r}
    assert any(r.startswith("pytest") for r in testing), testing
    assert "oruel-client[mock]" in testing, testing


def test_runtime_dependencies_stay_httpx_and_attrs() -> None:
    requires = installed().metadata.get_all("Requires-Dist") or []
    plain = {re.split(r"[<>=!~ \[]", r)[0] for r in requires if "extra ==" not in r}
    assert plain == {"httpx", "attrs"}


# ------------------------------------------------------------------------------------------ one version


def test_one_version_string() -> None:
    assert installed().version == __version__ == oruel_client.__version__
    from oruel_client._client import USER_AGENT

    assert USER_AGENT == f"oruel-client/{__version__} (python)"
    # written once: pyproject reads it (dynamic), and no other source file spells it out
    assert "version" not in pyproject()["project"] and "version" in pyproject()["project"]["dynamic"]
    literal = re.compile(rf"""["']{re.escape(__version__)}["']""")
    spelled = [
        str(p.relative_to(ROOT))
        for p in [ROOT / "pyproject.toml", *(ROOT / "oruel_client").rglob("*.py")]
        if literal.search(p.read_text(encoding="utf-8"))
    ]
    assert spelled == ["oruel_client/_version.py"]


def test_oruel_version_and_user_agent(oruel_mock_server: Any) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "oruel_client.cli", "--version"], capture_output=True, text=True, timeout=30
    )
    assert proc.stdout.strip() == f"oruel {__version__}"
    from oruel_client import Oruel

    Oruel(api_key="oruel_" + "0" * 48, base_url=oruel_mock_server.url).models.list()
    assert oruel_mock_server.requests[-1].headers["user-agent"] == f"oruel-client/{__version__} (python)"


# ------------------------------------------------------------------------------------------ pytest plugin

USER_TEST = """
from oruel_client import Oruel

def test_uses_the_fixture(oruel_mock_server):
    client = Oruel(api_key="oruel_" + "0" * 48, base_url=oruel_mock_server.url)
    assert "llama-4-maverick" in [m.id for m in client.models.list().data]
"""


def run_user_pytest(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *extra, "test_user.py"],
        cwd=project,
        env=OUTSIDE_ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_fixture_works_in_a_users_project_with_no_import(tmp_path: Path) -> None:
    (tmp_path / "test_user.py").write_text(USER_TEST)
    proc = run_user_pytest(tmp_path)
    assert proc.returncode == 0 and "1 passed" in proc.stdout, proc.stdout + proc.stderr
    # ... and it is the plugin that provides it: without the plugin the fixture is unknown
    proc = run_user_pytest(tmp_path, "-p", "no:oruel_client")
    assert proc.returncode == 1 and "fixture 'oruel_mock_server' not found" in proc.stdout


def test_the_plugin_module_loads_without_the_server(tmp_path: Path) -> None:
    """pytest loads every plugin at start-up: oruel_client.testing must not import the mock's dependencies."""
    code = (
        "import sys, oruel_client.testing\n"
        "assert 'oruel_client.mock' not in sys.modules and 'uvicorn' not in sys.modules, sorted(sys.modules)"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr


# ------------------------------------------------------------------------------------------ types


def test_mypy_finds_the_editable_install_from_outside_the_checkout(tmp_path: Path) -> None:
    """setuptools' default editable install is an import hook that mypy cannot follow; ours is a path entry."""
    (tmp_path / "snippet.py").write_text(
        textwrap.dedent(
            """
            from oruel_client import Oruel
            client = Oruel(api_key="oruel_" + "0" * 48)
            resp = client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
            wrong: int = resp.choices[0].message.content
            """
        )
    )
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "snippet.py"],
        cwd=tmp_path,
        env=OUTSIDE_ENV,
        capture_output=True,
        text=True,
        timeout=300,
    )
    errors = [line for line in proc.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1, proc.stdout
    assert errors[0].startswith("snippet.py:5:") and "[assignment]" in errors[0], proc.stdout


def test_the_editable_install_is_a_path_entry() -> None:
    site = Path(sysconfig.get_path("purelib"))
    pths = list(site.glob("__editable__*oruel_client*.pth"))
    assert len(pths) == 1, f"no editable .pth for {DIST} in {site}: not installed with `pip install -e .`?"
    assert [line.strip() for line in pths[0].read_text().splitlines() if line.strip()] == [str(ROOT)]


# ------------------------------------------------------------------------------------------ CI's interpreters


def load_tasks() -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("ci_tasks", ROOT / ".ci" / "tasks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_ci_finds_a_python_by_version_and_runs_it() -> None:
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    found = load_tasks().find_python(version)
    proc = subprocess.run([found, "-c", "import sys; print(sys.version_info[:2])"], capture_output=True, text=True)
    assert proc.stdout.strip() == str(sys.version_info[:2])


def test_ci_fails_loudly_when_a_python_is_missing() -> None:
    with pytest.raises(SystemExit) as info:
        load_tasks().find_python("3.99")
    assert "no working Python 3.99" in str(info.value)
