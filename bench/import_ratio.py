"""Import cost of a generated package against httpx (issue 17): ``python -m bench.import_ratio [--package NAME]
[--path DIR] [--runs 15]``.

Times ``import <package>; <package>.Oruel(...); client.chat.completions`` and ``import httpx; httpx.Client(...)``,
each in a fresh interpreter, interleaved (the order alternates every round), bytecode cached in a temporary folder
after one warm-up each; prints the medians and their ratio, in wall time around the statement and in the
process's CPU time (less moved by other work on a shared machine). ``--path`` puts a package generated elsewhere
(``python -m generator --spec F --package NAME --out DIR/NAME``, the runtime copied beside) first on sys.path.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile

TIMER = """
import time as _t
_w, _c = _t.perf_counter(), _t.process_time()
{statement}
print(_t.perf_counter() - _w, _t.process_time() - _c)
"""
HTTPX = "import httpx; c = httpx.Client(base_url='http://127.0.0.1:9')"
CLIENT = "import {package}; c = {package}.Oruel(api_key='k', base_url='http://127.0.0.1:9'); c.chat.completions"


def _once(statement: str, env: dict[str, str]) -> tuple[float, float]:
    proc = subprocess.run(
        [sys.executable, "-c", TIMER.format(statement=statement)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"`{statement}` failed: {proc.stderr.strip()[-800:]}")
    wall, cpu = proc.stdout.split()
    return float(wall) * 1000.0, float(cpu) * 1000.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.import_ratio", description=__doc__.split("\n\n")[0])
    parser.add_argument("--package", default="oruel_client")
    parser.add_argument("--path", help="a folder to put first on sys.path (where --package was generated)")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    statements = {"client": CLIENT.format(package=args.package), "httpx": HTTPX}
    with tempfile.TemporaryDirectory(prefix="oruel-import-ratio-") as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        if args.path:
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [args.path, env.get("PYTHONPATH")]))
        for statement in statements.values():  # warm-up: bytecode written, files in the page cache
            _once(statement, env)
        samples: dict[str, list[tuple[float, float]]] = {key: [] for key in statements}
        for i in range(args.runs):
            for key in list(statements)[:: 1 if i % 2 == 0 else -1]:
                samples[key].append(_once(statements[key], env))
    load = os.getloadavg()[0]
    med = {key: [statistics.median(s[k] for s in runs) for k in (0, 1)] for key, runs in samples.items()}
    print(f"{args.package}: {statements['client']}")
    print(f"median of {args.runs} fresh processes each, interleaved (load average {load:.1f})")
    for k, what in enumerate(("wall", "cpu")):
        client, httpx = med["client"][k], med["httpx"][k]
        print(f"  {what:4}  client {client:7.1f} ms  httpx {httpx:7.1f} ms  ratio {client / httpx:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
