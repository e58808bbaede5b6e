"""The answer to each operation of the spec, one module per operation, keyed by ``operationId``.

Every builder takes the ``Request`` (its body already parsed and, unless ``validate=False``, checked against
the spec) and returns a ``Reply`` or an ``EventStream``, or raises ``ApiError``. Answers are deterministic:
the bytes come from content.py, seeded from the request.

Mock control headers (besides the fault headers of faults.py):

* ``x-oruel-mock-chunks: N`` (chat and text completions): the answer is N one-token pieces ``"x"``; with
  ``stream: true`` they are sent as N chunks written in large batches, for SSE throughput benchmarks.
* ``x-oruel-mock-dim: N`` (embeddings): vectors of N floats instead of ``content.EMBEDDING_DIM``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from ..replies import ApiError, EventStream, Reply, Request
from . import chat, completions, embeddings, images, models, speech

__all__ = ["HANDLERS", "answer"]

HANDLERS: Final[dict[str, Callable[[Request], Reply | EventStream]]] = {
    "createChatCompletion": chat.answer,
    "createCompletion": completions.answer,
    "createEmbedding": embeddings.answer,
    "listModels": models.answer,
    "createImage": images.answer,
    "createSpeech": speech.answer,
}


def answer(operation_id: str, request: Request) -> Reply | EventStream:
    handler = HANDLERS.get(operation_id)
    if handler is None:
        raise ApiError(501, f"The mock server has no answer for {operation_id}.", "server_error")
    try:
        return handler(request)
    except ApiError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        # Only reachable with validate=False: the body did not have the shape the spec requires.
        raise ApiError(400, f"Could not process the request body: {exc!r}", code="invalid_request") from exc
