"""Thread-safe first use: any number of threads may make the first calls of a fresh client at once.

The precise checks and the quick-check predicates are compiled on first use; before they were compiled under
a lock, a thread could pick up a checker another thread had not finished and fail with an internal KeyError.
Each round runs in a fresh interpreter (nothing compiled yet) against a real local server, 24 threads
released together by a barrier; bodies that are not plain JSON (models, tuples) and bodies out of range make
every thread take the precise checks as well as the quick ones. A hard timeout turns a deadlock into a failure.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

from oruel_client import _validation
from oruel_client._exceptions import OruelValidationError
from oruel_client._generated.rules import SCHEMAS
from oruel_client._quickcheck import QuickCheck

ROOT = Path(__file__).resolve().parents[2]

DRIVER = r"""
import json, sys, threading, traceback
sys.setswitchinterval(1e-6)  # switch threads as often as possible: the race shows up in most runs
from tests.rawhttp import RawServer, json_response, sse_head
from tests.client.conftest import KEY, completion, sse

def handler(req, conn):
    body = req.json()
    if body.get("stream"):
        chunk = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m",
                 "choices": [{"index": 0, "delta": {"content": "x"}, "finish_reason": None}]}
        conn.send(sse_head() + sse(chunk, b"[DONE]"))
    elif "input" in body:
        conn.send(json_response(200, {"object": "list", "model": "m", "data": [{"object": "embedding", "index": 0,
            "embedding": [0.5]}], "usage": {"prompt_tokens": 1, "total_tokens": 1}}))
    elif "prompt" in body:
        conn.send(json_response(200, {"id": "t", "object": "text_completion", "created": 1, "model": "m",
            "choices": [{"index": 0, "text": "x", "finish_reason": "stop"}]}))
    else:
        conn.send(json_response(200, completion()))

from oruel_client import Oruel, OruelValidationError
from oruel_client.models import UserMessage

THREADS = 24
server = RawServer(handler=handler)
client = Oruel(api_key=KEY, base_url=server.url, max_retries=0)
barrier = threading.Barrier(THREADS)
failures = []
tool = {"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}

def calls(i):
    yield lambda: client.chat.completions.create(model="m", messages=[UserMessage(role="user", content="a")])
    yield lambda: client.chat.completions.create(
        model="m", messages=({"role": "user", "content": "a"},), tools=(tool,), temperature=0.5)
    yield lambda: client.completions.create(model="m", prompt="x", max_tokens=(3 if i % 2 else 4))
    yield lambda: client.embeddings.create(model="m", input=("a", "b"))
    yield lambda: list(client.chat.completions.create(model="m", messages=[{"role": "user", "content": "s"}],
                                                     stream=True))
    yield lambda: client.chat.completions.create(model="m", messages=[{"role": "user", "content": "a"}],
                                                 temperature=9.0)
    yield lambda: client.completions.create(model="m", prompt=("x",), top_p=7.0)

def work(i):
    barrier.wait()
    plan = list(calls(i))
    for k in range(len(plan)):
        call = plan[(i + k) % len(plan)]  # every thread starts with a different schema
        try:
            call()
        except OruelValidationError:
            pass  # the out-of-range calls: the error the user is meant to get
        except BaseException:
            failures.append(traceback.format_exc())

threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
client.close()
server.close()
print(json.dumps(failures))
"""


def test_first_calls_from_many_threads_at_once_never_raise() -> None:
    for _ in range(4):
        done = subprocess.run([sys.executable, "-c", DRIVER], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-3000:]
        failures = json.loads(done.stdout)
        assert failures == [], failures[0]


def test_precise_checks_compiled_by_many_threads_at_once_are_whole() -> None:
    """The same race with fresh caches in this process, many rounds: each thread asks for every schema,
    starting at a different one, while the others compile theirs."""
    names = list(SCHEMAS)
    failures: list[BaseException] = []
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        _rounds(names, failures)
    finally:
        sys.setswitchinterval(interval)
    assert not failures, repr(failures[0])


def _rounds(names: list[str], failures: list[BaseException]) -> None:
    for _ in range(60):
        _validation._compiled.clear()
        quick = QuickCheck(SCHEMAS)
        barrier = threading.Barrier(12)

        def work(start: int, barrier: threading.Barrier = barrier, quick: QuickCheck = quick) -> None:
            barrier.wait()
            for name in names[start:] + names[:start]:
                try:
                    quick.passes(name, {"model": 1})
                    _validation._named(name)({"model": 1}, "")
                except OruelValidationError:
                    pass
                except BaseException as exc:  # noqa: BLE001 (any other exception is the failure)
                    failures.append(exc)

        threads = [threading.Thread(target=work, args=(i * 3 % len(names),)) for i in range(12)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert not any(thread.is_alive() for thread in threads), "compilation deadlocked"
