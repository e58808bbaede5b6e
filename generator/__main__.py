"""`python -m generator [--check] [--spec openapi.yaml] [--package oruel_client]`

Regenerates every generated module of the package from the spec, through a temporary folder; `--check`
writes nothing and exits 1 with a summary when the committed code differs from what the spec produces.
"""

from __future__ import annotations

import argparse
import difflib
import shutil
import sys
import tempfile
import time
from pathlib import Path

from .plan import PlanError, needed_methods
from .render import OWNED_DIRS, GenerationError, render

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


def main(argv: list[str] | None = None) -> int:
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
            render(spec_path, rendered, args.package, needed_methods(target))
            seconds = time.perf_counter() - start
        except (GenerationError, PlanError) as err:
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
