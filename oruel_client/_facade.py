"""What every generated facade module (``_generated/resources/<resource>.py``) shares: the type of a per-request
timeout, and the lookup of the generated endpoint function a facade method calls."""

from __future__ import annotations

import importlib
from functools import cache
from types import ModuleType

import httpx

Timeout = float | httpx.Timeout | None


@cache
def operation(tag: str, name: str) -> ModuleType:
    """The generated endpoint module ``api/<tag>/<name>.py``, imported on first use so that importing the client
    stays cheap."""
    return importlib.import_module(f".api.{tag}.{name}", __package__)
