"""A local Oru-el-compatible server, for offline use, tests and benchmarks (the ``mock`` extra).

``MockServer`` runs it (``with MockServer() as server: ... server.url``); ``oruel mock`` runs it in the
foreground; ``oruel_client.testing`` has a pytest fixture. The app (routing, keys, wiring) is in
``app``; request validation in ``validation``; each operation's answer in ``answers``, built from the
deterministic bytes of ``content``; SSE frames in ``streaming``; raw ASGI I/O in ``asgi``; the fault-injection
headers are listed in ``faults`` and the rate limit in ``ratelimit``.
"""

from .answers.models import MODELS
from .app import BASE_PATH, MockApp, RecordedRequest, create_app
from .server import MockServer, main

__all__ = ["BASE_PATH", "MODELS", "MockApp", "MockServer", "RecordedRequest", "create_app", "main"]
