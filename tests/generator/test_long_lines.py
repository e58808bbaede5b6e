"""Generated modules keep to the project's line length: docstring lines from a spec's long descriptions are
word-wrapped (wrap_docstrings), and one that holds an unbreakable word is marked for ruff."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.typing_rules import wrap_docstrings

LONG = "Cancels an in-progress batch. " * 8


def _ruff_e501(source: str, tmp_path: Path) -> str:
    path = tmp_path / "mod.py"
    path.write_text(source, encoding="utf-8")
    cmd = [sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache", "--line-length", "120"]
    proc = subprocess.run([*cmd, "--select", "E501", str(path)], capture_output=True, text=True, timeout=60)
    return proc.stdout if proc.returncode else ""


def test_long_docstring_lines_are_wrapped_at_their_indentation(tmp_path: Path) -> None:
    source = f'def f() -> None:\n    """{LONG.strip()}\n\n    Returns:\n        {"A | " * 40}B\n    """\n'
    assert _ruff_e501(source, tmp_path)  # the control: too long as rendered
    wrapped = wrap_docstrings(source)
    assert _ruff_e501(wrapped, tmp_path) == ""
    assert "noqa" not in wrapped
    assert " ".join(wrapped.split()) == " ".join(source.split())  # the same words, in the same order
    assert all(line.startswith("        ") for line in wrapped.split("Returns:\n")[1].splitlines()[:-1])
    compile(wrapped, "mod.py", "exec")


def test_an_unbreakable_word_marks_the_docstring_for_ruff(tmp_path: Path) -> None:
    source = f'def f() -> None:\n    """See https://example.com/{"x" * 130}\n    for more.\n    """\n'
    wrapped = wrap_docstrings(source)
    assert wrapped.rstrip().endswith('"""  # noqa: E501')
    assert _ruff_e501(wrapped, tmp_path) == ""


def test_short_modules_are_left_alone() -> None:
    source = 'def f() -> None:\n    """Short."""\n'
    assert wrap_docstrings(source) is source


def test_a_long_one_line_docstring_is_wrapped_into_several(tmp_path: Path) -> None:
    source = f'class Batches:\n    """{LONG.strip()}"""\n\n    x = 1\n'
    assert _ruff_e501(source, tmp_path)  # the control: too long as rendered
    wrapped = wrap_docstrings(source)
    assert _ruff_e501(wrapped, tmp_path) == ""
    assert "noqa" not in wrapped
    assert " ".join(wrapped.split()) == " ".join(source.split())
    namespace: dict[str, object] = {}
    exec(compile(wrapped, "mod.py", "exec"), namespace)
    assert " ".join(str(namespace["Batches"].__doc__).split()) == LONG.strip()  # type: ignore[attr-defined]
