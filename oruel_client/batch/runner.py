"""The batch engine: reads requests, sends them through one AsyncOruel, writes and yields results.

Requests go through the client's transport (``_http.request``) with the operation's generated request options,
so headers, base URL, typed errors and logging are the client's. The transport runs with ``max_retries=0``
and the runner retries with the client's own ``RetryPolicy`` and ``max_retries``, because a 429 must slow
every request of the run, not only the one that got it (see ``ratelimit.Throttle``). 429s have their own,
larger budget: a throttled line waits its turn rather than failing. Each attempt still carries its number in
``x-oruel-retry-count``, as the client's own retries do.

A line that gets no answer at all (connection errors or timeouts past the retries) gets no result either: it
is left for the resume, because an outage says nothing about the line. After ``UNREACHABLE_AFTER`` such lines
in a row (no answer in between) the run stops by itself rather than go through the rest of the file.

Nothing a line holds or a server answers stops the run: a line is decoded and checked without raising
(``inputs``), an answer is kept as its bytes when it is not strict JSON (``results``), and an unexpected
exception from below becomes the line's ``client_error`` result. Only the output being unwritable, or the
client being unusable, stops a run; every attempt, retries included, is paid from the per-minute budgets.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncGenerator, Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import httpx

from .._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    OruelError,
    OruelValidationError,
)
from .._retry import DEFAULT_RETRY_POLICY, RetryPolicy, parse_retry_after
from .inputs import DUPLICATE_CUSTOM_ID, INVALID_BODY, Prepared, Rejected, decode, prepare, printable
from .journal import Journal, KeyIndex, ResumeState
from .ratelimit import Pacing
from .results import DEFAULT_CONCURRENCY, INVALID_RESPONSE, BatchResult, BatchStats

if TYPE_CHECKING:
    from .._client import AsyncOruel

__all__ = ["BatchRunner", "DEFAULT_CONCURRENCY", "RATE_LIMIT_RETRIES", "Item"]

# 429s a single line may get before its 429 becomes its result: enough to ride out a long throttle.
RATE_LIMIT_RETRIES: Final = 50
UNREACHABLE_AFTER: Final = 8
# error.code of a line whose request failed inside the client (a defect): it has a result, so no resume pays
# for it again.
CLIENT_ERROR: Final = "client_error"

Item = str | bytes | Mapping[str, Any]
ProgressHook = Callable[[BatchStats], None]


def _answer(response: httpx.Response) -> tuple[int, str | None, bytes]:
    """The answer as the runner keeps it: status, request id and the body's exact bytes (decoded later, by
    ``BatchResult.answer``, in a way that cannot fail)."""
    return response.status_code, response.headers.get("x-request-id"), response.content


class BatchRunner:
    """One batch run. ``results(lines)`` yields each result as it finishes, after writing it to ``output``
    (when given; an existing output is resumed). ``stop()`` sends nothing more and lets in-flight requests
    finish; ``abort()`` also cancels those (they have no result, so a resume sends them again)."""

    def __init__(
        self,
        client: AsyncOruel,
        *,
        output: str | Path | None = None,
        concurrency: int = DEFAULT_CONCURRENCY,
        max_requests_per_minute: float | None = None,
        max_tokens_per_minute: float | None = None,
        on_progress: ProgressHook | None = None,
        total: int | None = None,
        pacing: Pacing | None = None,
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        for name, value in (("max_requests_per_minute", max_requests_per_minute),
                            ("max_tokens_per_minute", max_tokens_per_minute)):  # fmt: skip
            if value is not None and not value > 0:
                raise ValueError(f"{name} must be positive")
        self.client = client
        self.output = Path(output) if output is not None else None
        self.concurrency = concurrency
        self.max_requests_per_minute = max_requests_per_minute
        self.max_tokens_per_minute = max_tokens_per_minute
        self.on_progress = on_progress
        self.total = total
        # Given: shared with other runs (each call of results() uses it); None: a new one for each run.
        self.pacing = pacing
        self.stats = BatchStats(total=total)
        self.resume: ResumeState | None = None
        self.stopping = False
        self.unreachable = False  # stopped because the server gave no answer to UNREACHABLE_AFTER lines in a row
        self.last_connection_error: str | None = None
        self._no_answer_streak = 0
        self._fatal: Exception | None = None
        self._http = client._http
        self._policy: RetryPolicy = getattr(self._http, "_retry", DEFAULT_RETRY_POLICY)
        self._max_retries = client.max_retries
        self._tasks: set[asyncio.Task[None]] = set()
        self._scheduler: asyncio.Task[None] | None = None

    # ------------------------------------------------------------------------------------------ control

    def stop(self) -> None:
        """Send nothing more; requests in flight finish and are written."""
        self.stopping = True
        if self._scheduler is not None:
            self._scheduler.cancel()

    def abort(self) -> None:
        """Stop, and cancel the requests in flight: they get no result and are sent again on resume."""
        self.stop()
        for task in list(self._tasks):
            task.cancel()

    # ------------------------------------------------------------------------------------------ run

    async def results(self, lines: Iterable[tuple[int, Item]]) -> AsyncGenerator[BatchResult, None]:
        """Run ``(line number, request)`` pairs; yield results as they finish."""
        index = KeyIndex()
        journal = Journal(self.output, index) if self.output is not None else None
        queue: asyncio.Queue[BatchResult] = asyncio.Queue(maxsize=max(64, 2 * self.concurrency))
        feeder: asyncio.Task[None] | None = None
        try:
            if journal is not None:
                self.resume = journal.open()
            self.stats = BatchStats(total=self.total)
            feeder = asyncio.create_task(self._feed(lines, queue, index, journal))
            while True:
                try:
                    item = queue.get_nowait()
                except asyncio.QueueEmpty:
                    getter = asyncio.ensure_future(queue.get())
                    # The feeder ending (all results queued, or an error) ends the run once the queue is empty.
                    await asyncio.wait({getter, feeder}, return_when=asyncio.FIRST_COMPLETED)
                    if not getter.done():
                        getter.cancel()
                        feeder.result()  # the feeder failed: raise its error here
                        break
                    item = getter.result()
                yield item
            await feeder
        finally:
            if feeder is not None and not feeder.done():
                feeder.cancel()
                await asyncio.gather(feeder, return_exceptions=True)
            if journal is not None:
                journal.close()
            index.close()
            self._finish_stats()

    def _finish_stats(self) -> None:
        if self.stats.finished is None:
            self.stats.finished = time.monotonic()

    async def _feed(
        self,
        lines: Iterable[tuple[int, Item]],
        queue: asyncio.Queue[BatchResult],
        index: KeyIndex,
        journal: Journal | None,
    ) -> None:
        pacing = self.pacing or Pacing(self.concurrency, self.max_requests_per_minute, self.max_tokens_per_minute)
        limit = pacing.limit
        self.stats.concurrency = limit.limit
        resuming = self.resume is not None and self.resume.results > 0

        async def emit(result: BatchResult) -> None:
            if journal is not None:
                try:
                    journal.write(result.to_dict())
                except (ValueError, RecursionError):  # a JSON value deeper than the writer goes: keep the bytes
                    result.keep_as_bytes()
                    journal.write(result.to_dict())
            result.raw = None
            self._count(result)
            self.stats.concurrency = limit.limit
            self.stats.rate_limited = pacing.rate_limited
            if self.on_progress is not None:
                self.on_progress(self.stats)
            await queue.put(result)

        async def send(prepared: Prepared) -> None:
            try:
                try:
                    result = await self._attempts(prepared, pacing)
                finally:
                    limit.release()
                    self.stats.in_flight = limit.active
                if result is not None:
                    await emit(result)
            except Exception as exc:  # e.g. the output's disk is full: stop, and raise it to the caller
                if self._fatal is None:
                    self._fatal = exc
                self.stop()

        async def schedule() -> None:
            for line, item in lines:
                if self.stopping:
                    return
                if resuming and (ok := index.done_line(line)) is not None:
                    self._skip(ok)
                    continue
                obj = decode(line, item)
                if isinstance(obj, Rejected):
                    await emit(_rejected(obj))
                    continue
                custom_id: str = obj["custom_id"]
                first = index.first_seen(custom_id, line)
                if first is not None:
                    message = f"line {line}: duplicate custom_id {custom_id!r} (first on line {first}); not sent"
                    await emit(_rejected(Rejected(line, None, DUPLICATE_CUSTOM_ID, message)))
                    continue
                if resuming and (ok := index.done_id(custom_id)) is not None:
                    self._skip(ok)
                    continue
                prepared = prepare(line, obj, self.client)
                if isinstance(prepared, Rejected):
                    await emit(_rejected(prepared))
                    continue
                await limit.acquire()
                self.stats.in_flight = limit.active
                try:
                    await pacing.wait()
                    await pacing.pay(prepared.estimated_tokens)
                except BaseException:
                    limit.release()
                    raise
                task = asyncio.create_task(send(prepared))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)

        self._scheduler = asyncio.create_task(schedule())
        try:
            try:
                await self._scheduler
            except asyncio.CancelledError:
                current = asyncio.current_task()
                if not self.stopping or (current is not None and current.cancelling()):
                    raise
            while self._tasks:
                await asyncio.wait(set(self._tasks))
            if self._fatal is not None:
                raise self._fatal
        finally:
            self._scheduler.cancel()
            for task in self._tasks:
                task.cancel()
            if self._tasks:
                await asyncio.gather(*self._tasks, return_exceptions=True)

    def _skip(self, ok: bool) -> None:
        self.stats.skipped += 1
        if not ok:
            self.stats.skipped_errors += 1
        if self.on_progress is not None:
            self.on_progress(self.stats)

    def _count(self, result: BatchResult) -> None:
        stats = self.stats
        if result.ok:
            stats.succeeded += 1
            prompt, completion = result.usage()
            stats.prompt_tokens += prompt
            stats.completion_tokens += completion
        elif result.error is not None and "line" in result.error:
            stats.invalid += 1
        else:
            stats.failed += 1

    def _no_answer(self, exc: APIConnectionError, retries: int) -> None:
        self.stats.unanswered += 1
        self.last_connection_error = f"{exc} (after {retries} retries)"
        self._no_answer_streak += 1
        if self._no_answer_streak >= UNREACHABLE_AFTER and not self.stopping:
            self.unreachable = True
            self.stop()
        if self.on_progress is not None:
            self.on_progress(self.stats)

    async def _attempts(self, prepared: Prepared, pacing: Pacing) -> BatchResult | None:
        """The line's result, or None when the server never answered (the line is left for the resume).
        Never raises but for the package's own errors that stop the run (a closed client)."""
        try:
            return await self._attempt_all(prepared, pacing)
        except OruelValidationError as exc:  # found by the transport: nothing was sent
            error = {"code": INVALID_BODY, "message": f"line {prepared.line}: {printable(str(exc), 2000)}",
                     "line": prepared.line}  # fmt: skip
            return BatchResult(prepared.line, prepared.custom_id, error=error)
        except OruelError:  # e.g. the client was closed: the run cannot go on
            raise
        except Exception as exc:  # a defect below us; the line may have been sent, so it gets a result
            message = f"line {prepared.line}: the request failed in the client: {type(exc).__name__}: {exc}"
            error = {"code": CLIENT_ERROR, "message": printable(message, 2000)}
            return BatchResult(prepared.line, prepared.custom_id, error=error)

    async def _attempt_all(self, prepared: Prepared, pacing: Pacing) -> BatchResult | None:
        policy = self._policy
        retries = throttled = 0
        while True:
            try:
                status, request_id, raw = await self._http.request(
                    prepared.options, parse=_answer, max_retries=0, retries_before=retries + throttled
                )
            except APIStatusError as exc:
                response = exc.response
                status, headers = response.status_code, response.headers
                if policy.should_retry_status(status, headers):
                    asked = parse_retry_after(headers, policy.now())
                    rate_limited = status == 429
                    spent = throttled if rate_limited else retries
                    budget = RATE_LIMIT_RETRIES if rate_limited else self._max_retries
                    delay = policy.delay(spent, headers) if spent < budget else None
                    if delay is not None:
                        if rate_limited or asked is not None:
                            pacing.on_rate_limited(delay)
                        if rate_limited:
                            throttled += 1
                        else:
                            retries += 1
                        self.stats.retries += 1
                        self.stats.rate_limited = pacing.rate_limited
                        await (pacing.wait() if rate_limited or asked is not None else asyncio.sleep(delay))
                        await pacing.pay(prepared.estimated_tokens)
                        continue
                _, request_id, raw = _answer(response)
                self._no_answer_streak = 0
                return BatchResult.answer(prepared.line, prepared.custom_id, status, request_id, raw)
            except APIResponseValidationError as exc:  # an answer, but not one that can be kept (e.g. too big)
                self._no_answer_streak = 0
                error = {"code": INVALID_RESPONSE, "message": printable(str(exc), 2000)}
                return BatchResult(prepared.line, prepared.custom_id, exc.response.status_code, None, None, error)
            except APIConnectionError as exc:
                if retries < self._max_retries and policy.should_retry_error(exc.__cause__ or exc):
                    delay = policy.delay(retries)
                    retries += 1
                    self.stats.retries += 1
                    await asyncio.sleep(delay or 0.0)
                    await pacing.wait()
                    await pacing.pay(prepared.estimated_tokens)
                    continue
                self._no_answer(exc, retries)
                return None
            self._no_answer_streak = 0
            pacing.on_success()
            result = BatchResult.answer(prepared.line, prepared.custom_id, status, request_id, raw)
            if isinstance(result.body, dict):
                used = result.body.get("usage")
                total = used.get("total_tokens") if isinstance(used, dict) else None
                if type(total) is int:
                    pacing.on_usage(total - prepared.estimated_tokens)
            return result


def _rejected(rejected: Rejected) -> BatchResult:
    error = {"code": rejected.code, "message": rejected.message, "line": rejected.line}
    return BatchResult(rejected.line, rejected.custom_id, error=error)
