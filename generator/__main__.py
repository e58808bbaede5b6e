"""`python -m generator [--check] [--spec openapi.yaml] [--package oruel_client]`

Regenerates every generated module of the package from the spec, through a temporary folder; `--check`
writes nothing and exits 1 with a summary when the committed code differs from what the spec produces.
"""

from __future__ import annotations

import argparse
import difflib
import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

from .load import SpecError, read, start_validation
from .normalize import normalize
from .plan import PlanError, needed_methods
from .render import OWNED_DIRS, render
from .repair import repair

ROOT = Path(__file__).resolve().parent.parent
# Folders the generator owns whole: anything in them that it did not render is stale and removed.
MARKER = "# Generated"


def _is_generated(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8") as fh:
            return fh.readline().startswith(MARKER)
    except (OSError, UnicodeDecodeError):
        return False


def plan(rendered: Path, target: Path) -> tuple[dict[str, bytes], list[str]]:
    """Files to write (relative path -> content) and generated files in target that the spec no longer makes."""
    files: dict[str, bytes] = {}
    for path in sorted(rendered.rglob("*")):
        if not path.is_file():
            continue
        files[path.relative_to(rendered).as_posix()] = path.read_bytes()
    stale: list[str] = []
    if target.exists():
        for path in sorted(target.rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            rel = path.relative_to(target).as_posix()
            if rel in files:
                continue
            if rel.split("/", 1)[0] in OWNED_DIRS:
                stale.append(rel)
            elif path.suffix == ".py" and _is_generated(path):
                # A generated file outside the owned folders (a leftover of an older layout) is stale too.
                stale.append(rel)
    return files, stale


def _summary(files: dict[str, bytes], stale: list[str], target: Path) -> list[str]:
    out: list[str] = []
    for rel, content in files.items():
        cur = target / rel
        if not cur.exists():
            out.append(f"  missing:  {rel}")
        elif cur.read_bytes() != content:
            out.append(f"  differs:  {rel}")
            diff = difflib.unified_diff(
                cur.read_text(encoding="utf-8", errors="replace").splitlines(),
                content.decode("utf-8", errors="replace").splitlines(),
                f"committed/{rel}",
                f"from-spec/{rel}",
                n=1,
                lineterm="",
            )
            out.extend("      " + line for line in list(diff)[:12])
    out.extend(f"  stale:    {rel} (the spec no longer produces it)" for rel in stale)
    return out


class StageError(Exception):
    """A failure that is not a problem of the spec the generator could name: which stage, and where."""


def _where(err: BaseException) -> str:
    """The innermost frame of the traceback, as `file:line in function` (the rest stays hidden)."""
    frames = traceback.extract_tb(err.__traceback__)
    if not frames:
        return ""
    last = frames[-1]
    parts = Path(last.filename).parts
    short = "/".join(parts[-3:]) if "site-packages" in parts else "/".join(parts[-2:])
    return f" at {short}:{last.lineno} in {last.name}"


def generate(spec_path: Path, out_dir: Path, package: str, needed: dict[str, str] | None = None) -> None:
    """load -> repair -> validate (in parallel) -> normalize -> render; SpecError for a problem of the spec
    (every one found), StageError for anything else, never another exception."""
    stage = "load"
    try:
        raw = read(spec_path)
    except SpecError:
        raise
    except Exception as err:
        raise StageError(f"{stage}: {type(err).__name__}: {err}{_where(err)}") from err
    try:
        stage = "repair"
        repairs = repair(raw)
    except Exception as err:
        raise StageError(f"{stage}: {type(err).__name__}: {err}{_where(err)}") from err
    for done in repairs:  # benign mistakes of published specs: repaired, and said
        print(f"warning: {spec_path}: {done}", file=sys.stderr)
    validation = start_validation(raw)  # the repaired document
    try:
        stage = "normalize"
        doc = normalize(raw, str(spec_path))
        stage = "render"
        render(spec_path, out_dir, package, doc, needed)
        problems = validation.problems()
    except (Exception, SystemExit) as err:
        # An invalid document explains a failure further on better than that failure does.
        found = err.problems if isinstance(err, SpecError) else []
        problems = validation.problems()
        if found or problems:
            raise SpecError(spec_path, [*found, *problems]) from err
        if os.environ.get("ORUEL_GENERATOR_TRACEBACK"):
            traceback.print_exception(err)
        if isinstance(err, SystemExit):  # our own refusals (GenerationError) carry their message
            raise StageError(f"{stage}: {err.code}") from err
        raise StageError(f"{stage}: {type(err).__name__}: {err}{_where(err)}") from err
    finally:
        validation.cancel()  # when it has not answered: a failure came first
    if problems:
        raise SpecError(spec_path, problems)


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except OSError as err:  # the target folder cannot be read or written: say so, without a traceback
        print(f"generation failed: {err}", file=sys.stderr)
        return 2


def _main(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed code; write nothing")
    parser.add_argument("--spec", type=Path, default=ROOT / "openapi.yaml")
    parser.add_argument("--package", default="oruel_client", help="import name of the package to generate")
    parser.add_argument("--out", type=Path, help="package folder (default: <repo>/<package>)")
    args = parser.parse_args(argv)
    target: Path = args.out or ROOT / args.package
    spec_path: Path = args.spec.resolve()

    with tempfile.TemporaryDirectory(prefix="oruel-gen-") as tmp:
        rendered = Path(tmp) / args.package
        try:
            start = time.perf_counter()
            generate(spec_path, rendered, args.package, needed_methods(target))
            seconds = time.perf_counter() - start
        except (SpecError, StageError, PlanError) as err:
            print(f"generation failed: {err}", file=sys.stderr)
            return 2
        files, stale = plan(rendered, target)
        changes = _summary(files, stale, target)
        if args.check:
            if changes:
                print(f"{target}: generated code differs from {spec_path.name} ({len(changes)} lines of summary).")
                print("\n".join(changes))
                print("Run `python -m generator` and commit the result.")
                return 1
            print(f"{target}: {len(files)} generated files match {spec_path.name} ({seconds:.2f} s).")
            return 0
        for rel in stale:
            (target / rel).unlink()
        for rel, content in files.items():
            dest = target / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            if not dest.exists() or dest.read_bytes() != content:
                dest.write_bytes(content)
        for folder in OWNED_DIRS:
            _prune_empty(target / folder)
    written = sum(1 for line in changes if not line.startswith("      "))
    print(
        f"{target}: {len(files)} generated files from {spec_path.name} in {seconds:.2f} s; "
        f"{written} changed, {len(stale)} removed."
    )
    for line in changes:
        if not line.startswith("      "):
            print(line)
    return 0


def _prune_empty(folder: Path) -> None:
    if not folder.exists():
        return
    for sub in sorted((p for p in folder.rglob("*") if p.is_dir()), reverse=True):
        if not any(sub.iterdir()):
            shutil.rmtree(sub)


if __name__ == "__main__":
    sys.exit(main())
