"""A local Oru-el-compatible server, for offline use, tests and benchmarks (the ``mock`` extra).

``MockServer`` runs it (``with MockServer() as server: ... server.url``; ``spec=`` serves another OpenAPI
document, as ``oruel mock --spec FILE`` does); ``oruel_client.testing`` has a pytest fixture. The spec is
loaded and checked in ``spec``; the app (keys, wiring) is in ``app``, its router in ``routing``; request
validation in ``validation`` (form bodies read by ``forms``); the hand-written answers in ``answers``, built
from the deterministic bytes of ``content``, and answers for every other operation from the spec's examples
or its schemas (``synthesized``, ``examples``); SSE frames in ``streaming``; raw ASGI I/O in ``asgi``; the
fault-injection headers are listed in ``faults`` and the rate limit in ``ratelimit``.
"""

from .answers.models import MODELS
from .app import BASE_PATH, MockApp, RecordedRequest, create_app
from .server import MockServer, main
from .spec import Spec, SpecError

__all__ = ["BASE_PATH", "MODELS", "MockApp", "MockServer", "RecordedRequest", "Spec", "SpecError", "create_app", "main"]
