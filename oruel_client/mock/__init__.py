"""A local Oru-el-compatible server, for offline use, tests and benchmarks (the ``mock`` extra).

``MockServer`` runs it (``with MockServer() as server: ... server.url``); ``oruel mock`` runs it in the
foreground; ``oruel_client.testing`` has a pytest fixture. The app is in ``app``, the deterministic
answers in ``content``, and the fault-injection headers are listed in ``faults``.
"""

from .app import BASE_PATH, MODELS, MockApp, RecordedRequest, create_app
from .server import MockServer, main

__all__ = ["BASE_PATH", "MODELS", "MockApp", "MockServer", "RecordedRequest", "create_app", "main"]
