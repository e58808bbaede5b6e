"""The import-time fixes proposed in BENCHMARKS.md, applied in memory by an import hook (for bench.whatif).

Kept free of imports beyond what the interpreter has loaded at start-up (plus the zlib/marshal built-ins),
so that installing it before a timed import does not pre-load anything the import would otherwise pay for.
Nothing is written to the package: the rewritten source is compiled in memory (and cached under
``PYTHONPYCACHEPREFIX`` when set, so a warm what-if import is not charged a compile the real one would not
pay).
"""

from __future__ import annotations

import importlib.machinery
import marshal
import os
import sys
import zlib
from collections.abc import Callable, Sequence
from importlib.machinery import ModuleSpec
from types import CodeType, ModuleType

__all__ = ["TRANSFORMS", "install", "check"]

_ASYNCIO_DEFAULT = "async_sleep: Callable[[float], Awaitable[None]] = asyncio.sleep"
_RETRY_POLICY = "@dataclass(frozen=True, slots=True)\nclass RetryPolicy"
_LAZY_SLEEP = (
    "async def _asyncio_sleep(delay: float) -> None:\n"
    "    import asyncio  # only when an async retry waits: sync-only programs never load asyncio\n\n"
    "    await asyncio.sleep(delay)\n\n\n"
)


def _retry_lazy_asyncio(src: str) -> str | None:
    """``_retry``: import asyncio inside the async sleep instead of at module level."""
    if "import asyncio\n" not in src or _ASYNCIO_DEFAULT not in src or _RETRY_POLICY not in src:
        return None
    src = src.replace("import asyncio\n", "", 1)
    src = src.replace(_ASYNCIO_DEFAULT, _ASYNCIO_DEFAULT.replace("asyncio.sleep", "_asyncio_sleep"), 1)
    return src.replace(_RETRY_POLICY, _LAZY_SLEEP + _RETRY_POLICY, 1)


def _types_without_attrs(src: str) -> str | None:
    """``types``: UNSET/Unset without attrs; File and Response (attrs classes) built on first use."""
    start, end = src.find("@define\nclass File:"), src.find("\n__all__")
    if "from attrs import define\n" not in src or start < 0 or end < start:
        return None
    attrs_part = src[start:end]
    lazy = (
        "def __getattr__(name: str) -> Any:\n"
        "    if name not in ('File', 'Response'):\n"
        "        raise AttributeError(name)\n"
        "    from attrs import define\n\n"
        "    ns = dict(globals(), define=define)\n"
        f"    exec({attrs_part!r}, ns)\n"
        "    globals().update(File=ns['File'], Response=ns['Response'])\n"
        "    return ns[name]\n\n"
    )
    src = src[:start] + lazy + src[end:]
    return src.replace("from attrs import define\n", "from typing import Any\n", 1)


TRANSFORMS: dict[str, Callable[[str], str | None]] = {
    "oruel_client._retry": _retry_lazy_asyncio,
    "oruel_client.types": _types_without_attrs,
}


class _Loader(importlib.machinery.SourceFileLoader):
    def get_code(self, fullname: str) -> CodeType:
        original = self.get_data(self.path).decode()
        src = TRANSFORMS[fullname](original)
        if src is None:
            src = original
        prefix = os.environ.get("PYTHONPYCACHEPREFIX")
        cache = None
        if prefix:
            cache = os.path.join(prefix, f"bench-whatif-{fullname}-{zlib.crc32(src.encode()):08x}.bin")
            if os.path.exists(cache):
                with open(cache, "rb") as f:
                    code: CodeType = marshal.load(f)
                return code
        code = compile(src, self.path, "exec", dont_inherit=True)
        if cache is not None:
            os.makedirs(os.path.dirname(cache), exist_ok=True)
            with open(cache, "wb") as f:
                marshal.dump(code, f)
        return code


class _Finder:
    @staticmethod
    def find_spec(name: str, path: Sequence[str] | None = None, target: ModuleType | None = None) -> ModuleSpec | None:
        if name not in TRANSFORMS:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.origin is None:
            return None
        spec.loader = _Loader(name, spec.origin)
        return spec


def install() -> None:
    """Apply the transforms to the modules when they are imported (call before importing oruel_client)."""
    if _Finder not in sys.meta_path:
        sys.meta_path.insert(0, _Finder)


def check() -> dict[str, bool]:
    """Per transformed module: whether its current source still has the shape the transform expects."""
    out = {}
    for name, transform in TRANSFORMS.items():
        spec = importlib.machinery.PathFinder.find_spec(name, _package_path(name))
        if spec is None or spec.origin is None:
            out[name] = False
            continue
        with open(spec.origin, encoding="utf-8") as f:
            out[name] = transform(f.read()) is not None
    return out


def _package_path(name: str) -> list[str] | None:
    package = importlib.machinery.PathFinder.find_spec(name.rpartition(".")[0])
    locations = package.submodule_search_locations if package is not None else None
    return list(locations) if locations is not None else None
