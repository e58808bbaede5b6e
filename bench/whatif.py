"""``python -m bench.whatif``: the fixes BENCHMARKS.md proposes, applied in memory, against the current code.

Nothing in oruel_client is edited. Each fix is a source transform applied when the module is loaded (import
time) or re-executed into the module (validation); if the current source no longer has the shape a transform
expects, the fix has probably landed and that row says so.

1. Import time, each in fresh interpreters (round-robin, shared bytecode cache): ``from oruel_client import
   Oruel`` as is, and with ``_retry`` importing asyncio lazily and ``types`` importing attrs lazily
   (``bench/_import_patch.py``); both also without httpx's optional CLI dependencies; against ``import openai``.
2. Request validation, end to end against the benchmark server with 2 and 21 messages: oruel as is, with
   ``_check_union`` trying the branch whose const tag (``role``, ``type``) matches before the others, plus
   exact-type fast paths in ``_check``/``jsonable``, with ``validate=False``, and raw httpx.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from typing import Any, Final

from .clients import API_KEY, CHAT_MODEL, LONG_MESSAGES, MESSAGES
from .harness import ServerProcess
from .scenarios import _cache_env, _time_import

__all__ = ["main", "validation_patch"]

_PATCH_IMPORT: Final = "import bench._import_patch as _p; _p.install()"
_NO_CLICK: Final = "import sys; sys.modules['click'] = None"

_UNION_HEAD: Final = "    failures: list[OruelValidationError] = []"
_UNION_FAST: Final = """    for branch in node[key]:
        # The branch whose const tags (role, type) match goes first: a valid value then passes without the
        # other branches raising and catching an OruelValidationError each.
        if _plausible(branch, value):
            try:
                _check(branch, value, path)
                return
            except OruelValidationError:
                break
"""
_JSONABLE_HEAD: Final = """    if isinstance(value, (str, int, float, bool)) or value is None:
        return value"""
_JSONABLE_FAST: Final = """    kind = type(value)
    if kind is str or kind is int or kind is float or kind is bool or value is None:
        return value
    if kind is dict:
        return {k: jsonable(v) for k, v in value.items() if not isinstance(v, Unset)}
    if kind is list:
        return [jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)):
        return value"""


def validation_patch(src: str) -> tuple[str, list[str]]:
    """The proposed _validation.py, and which of its changes still apply to the current source.

    (a) ``_check_union`` tries the branch whose const tags match first; (b) exact-type fast paths before the
    ``Mapping`` ABC checks; (c) the same in ``jsonable``. Each applies only if its target code is still there.
    """
    applied = []
    if _UNION_HEAD in src:
        src = src.replace(_UNION_HEAD, _UNION_FAST + _UNION_HEAD, 1)
        applied.append("union: matching branch first")
    if "isinstance(value, Mapping)" in src:
        src = src.replace("isinstance(value, Mapping)", "(type(value) is dict or isinstance(value, Mapping))")
        applied.append("exact-type fast paths in the checks")
    if _JSONABLE_HEAD in src:
        src = src.replace(_JSONABLE_HEAD, _JSONABLE_FAST, 1)
        applied.append("exact-type fast paths in jsonable")
    return src, applied


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def import_whatif(runs: int) -> list[str]:
    from . import _import_patch

    applicable = _import_patch.check()
    # (setup, run before the timer starts; the timed statement)
    rows = {
        "current": ("", "from oruel_client import Oruel"),
        "lazy asyncio + attrs": (_PATCH_IMPORT, "from oruel_client import Oruel"),
        "openai": ("", "import openai"),
        "current, no click": (_NO_CLICK, "from oruel_client import Oruel"),
        "lazy asyncio + attrs, no click": (f"{_NO_CLICK}; {_PATCH_IMPORT}", "from oruel_client import Oruel"),
    }
    samples: dict[str, list[float]] = {k: [] for k in rows}
    with tempfile.TemporaryDirectory(prefix="oruel-bench-pycache-") as prefix:
        env = _cache_env(prefix)
        for rep in range(runs + 1):  # the first round is a warm-up
            for key, (setup, statement) in rows.items():
                inner, _ = _time_import(statement, env, setup)
                if rep:
                    samples[key].append(inner)
    openai = _median(samples["openai"])
    out = [f"import: transforms apply to the current source: {applicable}"]
    for key, values in samples.items():
        out.append(f"  {key:32s} {_median(values):7.1f} ms   / import openai = {_median(values) / openai:.3f}")
    return out


def validation_whatif(rounds: int) -> list[str]:
    import httpx

    import oruel_client._validation as validation
    from oruel_client import Oruel

    with open(validation.__file__, encoding="utf-8") as f:
        patched_src, applied = validation_patch(f.read())
    if not applied:
        return ["validation: none of the proposed changes applies to the current _validation.py (landed?)"]
    current_ns = dict(vars(validation))
    exec(compile(patched_src, validation.__file__, "exec"), vars(validation))  # noqa: S102 - the what-if itself
    patched_ns = dict(vars(validation))
    vars(validation).update(current_ns)

    out = [f"validation: proposed changes that apply to the current source: {', '.join(applied)}"]
    with ServerProcess(max_seconds=900) as srv:
        base = srv.root + "/v1/inference"
        checked = Oruel(api_key=API_KEY, base_url=base, max_retries=0)
        unchecked = Oruel(api_key=API_KEY, base_url=base, max_retries=0, validate=False)
        floor = httpx.Client(base_url=base, headers={"authorization": f"Bearer {API_KEY}"}, timeout=60)
        for label, messages in (("2 messages", MESSAGES), ("21 messages", LONG_MESSAGES)):

            def oruel(client: Oruel = checked, messages: list[dict[str, Any]] = messages) -> object:
                return client.chat.completions.create(model=CHAT_MODEL, messages=messages).choices[0].message.content

            def patched(messages: list[dict[str, Any]] = messages) -> object:
                vars(validation).update(patched_ns)
                try:
                    return oruel(checked, messages)
                finally:
                    vars(validation).update(current_ns)

            def raw(messages: list[dict[str, Any]] = messages) -> object:
                body = json.dumps({"model": CHAT_MODEL, "messages": messages}).encode()
                resp = floor.post("/chat/completions", content=body, headers={"content-type": "application/json"})
                return json.loads(resp.content)["choices"][0]["message"]["content"]

            calls: dict[str, Callable[[], object]] = {
                "oruel as is": oruel,
                "oruel, proposed validation": patched,
                "oruel, validate=False": partial(oruel, unchecked, messages),
                "httpx floor": raw,
            }
            results = {key: call() for key, call in calls.items()}
            if len(set(map(str, results.values()))) != 1:
                raise RuntimeError(f"the variants disagree: {results}")
            samples: dict[str, list[float]] = {key: [] for key in calls}
            keys = list(calls)
            for _ in range(100):
                for call in calls.values():
                    call()
            for rep in range(rounds):
                for i in range(len(keys)):
                    key = keys[(rep + i) % len(keys)]
                    started = time.perf_counter()
                    calls[key]()
                    samples[key].append(time.perf_counter() - started)
            floor_median = _median(samples["httpx floor"])
            out.append(f"validation, sequential chat with {label} ({rounds} requests each):")
            for key, values in samples.items():
                m = _median(values)
                out.append(f"  {key:32s} {m * 1e6:8.1f} us   / httpx = {m / floor_median:.3f}")
        floor.close()
        checked.close()
        unchecked.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.whatif", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    args = parser.parse_args(argv)
    lines = import_whatif(2 if args.quick else 11)
    lines += validation_whatif(100 if args.quick else 2000)
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
