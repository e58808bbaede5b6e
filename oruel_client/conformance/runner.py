"""Sends the probes through the client's own transport (``Oruel``), within the budget, and checks the answers.

Every attempt counts against the budget, a 429's retry included; attempts are spaced ``1 / rate`` seconds
apart, and a 429 waits for its ``Retry-After`` (capped) before its retry. The transport's own retries are off
(``max_retries=0``) so that this module sees, and counts, every attempt. Range probes send their body as it
is: the client's range check is not on their path (the body is not validated by the transport), which is
``validate=False`` for exactly those probes; every other probe's body is checked as the client checks it.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final

import httpx

from .._exceptions import APIStatusError
from .._generated.rules import OPERATIONS
from .._sse import SSEDecoder
from .._validation import validate
from .probes import Probe, plan
from .report import Finding, Report
from .schema import ResponseChecker, pointer_of, provenance
from .spec import declared_headers, error_pointer, node, operation_object, schema_pointer, success_media

if TYPE_CHECKING:
    from .._client import Oruel

__all__ = ["BudgetExhausted", "Runner"]

_MAX_ATTEMPTS: Final = 3  # per probe, 429s included
_MAX_WAIT: Final = 30.0  # the longest Retry-After honoured
_BAD_KEY: Final = "invalid-conformance-probe-key"
_NO_MODEL: Final = "conformance-probe-model"
_RATE_HEADERS: Final = ("x-ratelimit-", "ratelimit", "retry-after")


class BudgetExhausted(Exception):
    pass


class Exchange:
    """One answer: status, headers, the body (whole, or the SSE events of a stream)."""

    def __init__(
        self,
        response: httpx.Response,
        events: list[Any] | None = None,
        cut: bool = False,
        error: APIStatusError | None = None,
    ) -> None:
        self.error = error  # the client's typed error for a non-2xx answer
        self.status = response.status_code
        self.headers = response.headers
        self.content_type = response.headers.get("content-type", "")
        self.request_id = response.headers.get("x-request-id")
        self.events = events
        self.cut = cut  # the stream broke off
        self.body = b"" if events is not None else response.content

    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except ValueError:
            return None


class Runner:
    def __init__(
        self,
        client: Oruel,
        report: Report,
        *,
        rate: float,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.client = client.with_options(max_retries=0)
        self.report = report
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.sleep = sleep
        self.checker = ResponseChecker()
        self._last = 0.0
        self._hold_until = 0.0  # set when the service says no requests remain in its window

    # ------------------------------------------------------------------ sending
    def send(self, probe: Probe) -> Exchange:
        info = OPERATIONS[probe.operation]
        stream = probe.category == "stream"
        headers = {"Accept": "text/event-stream" if stream else str(info["accept"])}
        options: dict[str, Any] = {"method": info["method"], "url": info["path"], "headers": headers}
        if probe.body is not None:
            options["json"] = probe.body
            headers["Content-Type"] = "application/json"
            if probe.category != "range" and probe.category != "error":
                validate(info["body"], probe.body)  # the client's own check, off only for range probes
        client = self.client.with_options(api_key=_BAD_KEY) if probe.bad_key else self.client
        for attempt in range(_MAX_ATTEMPTS):
            if self.report.requests_sent >= self.report.budget:
                raise BudgetExhausted
            wait = max(self._last + self.interval, self._hold_until) - time.monotonic()
            if wait > 0:
                self.sleep(wait)
            self._last = time.monotonic()
            self.report.requests_sent += 1
            try:
                response, _ = client._http.send(options, 0, stream=stream)
            except APIStatusError as exc:
                self._hold(exc.response.headers)
                if exc.status_code == 429 and attempt + 1 < _MAX_ATTEMPTS:
                    self.sleep(min(_MAX_WAIT, _retry_after(exc.response.headers)))
                    continue
                return Exchange(exc.response, error=exc)
            self._hold(response.headers)
            if not stream:
                return Exchange(response)
            return self._read_stream(response)
        raise AssertionError("unreachable")

    def _hold(self, headers: httpx.Headers) -> None:
        """Pace under the service's own limit: with no requests left in its window, wait for the reset."""
        if headers.get("x-ratelimit-remaining-requests", "").strip() == "0":
            pause = _duration(headers.get("x-ratelimit-reset-requests", ""))
            self._hold_until = time.monotonic() + min(_MAX_WAIT, pause if pause is not None else 1.0)

    def _read_stream(self, response: httpx.Response) -> Exchange:
        decoder = SSEDecoder()
        events: list[Any] = []
        cut = False
        try:
            for chunk in response.iter_raw():
                events += decoder.feed(chunk)
            events += decoder.flush()
        except httpx.HTTPError:
            cut = True
        finally:
            response.close()
        return Exchange(response, events, cut)

    # ------------------------------------------------------------------ checking
    def run_probe(self, probe: Probe) -> Exchange:
        exchange = self.send(probe)
        self.report.probes_run += 1
        self._headers(probe, exchange)
        if probe.category == "range":
            self._range(probe, exchange)
        elif probe.category == "error":
            self._error(probe, exchange)
        elif probe.category == "stream":
            self._stream(probe, exchange)
        else:
            self._baseline(probe, exchange)
        return exchange

    def _finding(self, probe: Probe, exchange: Exchange | None, **fields: Any) -> None:
        if exchange is not None:
            fields.setdefault("request_id", exchange.request_id)
            fields.setdefault("status", exchange.status)
        self.report.add(Finding(operation=probe.operation, probe=probe.name, **fields))

    def _schema_findings(self, probe: Probe, exchange: Exchange, pointer: str, value: Any, where: str = "") -> None:
        for problem in self.checker.check(pointer, value):
            source, docs = provenance(problem.schema)
            self._finding(
                probe,
                exchange,
                kind=problem.kind,
                path=where + problem.path,
                spec=problem.spec,
                observed=problem.observed,
                source=source,
                docs=docs,
                pointer=pointer_of(problem.schema),
                suggestion=problem.suggestion,
            )

    def _baseline(self, probe: Probe, exchange: Exchange) -> None:
        if not 200 <= exchange.status < 300:
            self._unexpected(probe, exchange)
            return
        media = success_media(probe.operation)
        json_media = next((m for m in media if "json" in m), None)
        if json_media is not None:
            if "json" not in exchange.content_type:
                self._finding(
                    probe,
                    exchange,
                    kind="wrong_type",
                    path="$",
                    spec=f"content type {json_media}",
                    observed=f"content type {exchange.content_type or 'none'}",
                )
                return
            value = exchange.json()
            self._schema_findings(probe, exchange, schema_pointer(probe.operation, json_media), value)
        elif media and not any(exchange.content_type.startswith(m) for m in media):
            self._finding(
                probe,
                exchange,
                kind="wrong_type",
                path="$",
                spec="content type " + " or ".join(media),
                observed=f"content type {exchange.content_type or 'none'}",
            )

    def _unexpected(self, probe: Probe, exchange: Exchange) -> None:
        if exchange.status in (401, 403) and not probe.bad_key and exchange.error is not None:
            raise exchange.error  # the key does not work: nothing else can be learnt
        self._finding(
            probe,
            exchange,
            kind="unexpected_status",
            path="$",
            spec="a valid request is answered 2xx",
            observed=f"{exchange.status}: {_message(exchange)}",
        )
        self._check_error_body(probe, exchange)

    def _check_error_body(self, probe: Probe, exchange: Exchange) -> None:
        pointer = error_pointer(probe.operation, exchange.status)
        if pointer is None:
            return
        value = exchange.json()
        if value is None:
            self._finding(
                probe,
                exchange,
                kind="wrong_type",
                path="error:$",
                spec="a JSON error envelope",
                observed=f"{exchange.content_type or 'no content type'}: {exchange.body[:80]!r}",
            )
            return
        self._schema_findings(probe, exchange, pointer, value, where="error:")

    def _range(self, probe: Probe, exchange: Exchange) -> None:
        bound = probe.bound
        assert bound is not None
        pointer = bound.pointer
        source, docs = provenance({"x-pointer": pointer, **node(pointer)})
        said = f"{bound.field}: {bound.doc or bound.keyword + ' ' + str(bound.limit)} ({bound.keyword} {bound.limit})"
        ok = 200 <= exchange.status < 300
        common = {"path": f"$.{bound.field}", "spec": said, "source": source, "docs": docs, "pointer": pointer}
        if probe.expect == "accept" and not ok:
            if exchange.status in (401, 403, 429) or exchange.status >= 500:
                self._unexpected(probe, exchange)  # not an answer about the value (a 401 ends the run)
                return
            self._finding(
                probe,
                exchange,
                kind="refuses_allowed",
                observed=f"{exchange.status} for {_value_text(probe.value, bound.kind)}: {_message(exchange)}",
                suggestion=f"tighten {bound.keyword} at {pointer}: the service refuses "
                f"{_value_text(probe.value, bound.kind)}",
                **common,
            )
            self._check_error_body(probe, exchange)
        elif probe.expect == "refuse" and ok:
            self._finding(
                probe,
                exchange,
                kind="accepts_forbidden",
                observed=f"{exchange.status} (accepted) for {_value_text(probe.value, bound.kind)}",
                suggestion=f"widen {bound.keyword} at {pointer} to admit "
                f"{_value_text(probe.value, bound.kind)} (the service's own bound is not known)",
                **common,
            )
            self._check_accepted_body(probe, exchange)
        elif probe.expect == "refuse":
            names_field = bound.field in exchange.body.decode("utf-8", "replace")
            if exchange.status != 400 or not names_field:
                self._finding(
                    probe,
                    exchange,
                    kind="refusal_unclear",
                    observed=f"{exchange.status}: {_message(exchange)}",
                    **{**common, "spec": said + "; a 400 naming the field"},
                )
            self._check_error_body(probe, exchange)
        else:
            self._check_accepted_body(probe, exchange)

    def _check_accepted_body(self, probe: Probe, exchange: Exchange) -> None:
        media = success_media(probe.operation)
        json_media = next((m for m in media if "json" in m), None)
        if json_media is not None and "json" in exchange.content_type:
            self._schema_findings(probe, exchange, schema_pointer(probe.operation, json_media), exchange.json())

    def _error(self, probe: Probe, exchange: Exchange) -> None:
        ok = 200 <= exchange.status < 300
        case = probe.error_case
        if case == "bad_key":
            if ok or exchange.status not in (401, 403):
                self._finding(
                    probe,
                    exchange,
                    kind="error_status",
                    path="$",
                    spec="a bad key is refused (401): the operation has `security` (bearerAuth)",
                    observed=f"{exchange.status}",
                    pointer="#/components/securitySchemes/bearerAuth",
                )
        elif case == "unknown_model" and ok:
            self.report.note(
                probe.operation,
                "unknown model",
                f"the service answered {exchange.status} to an unknown model (the spec documents no status for it)",
            )
            self._check_accepted_body(probe, exchange)
            return
        elif case == "bad_parameter":
            field = str(probe.value)
            named = field in exchange.body.decode("utf-8", "replace")
            if ok or exchange.status != 400 or not named:
                self._finding(
                    probe,
                    exchange,
                    kind="error_status",
                    path=f"$.{field}",
                    spec="a value of the wrong type is refused with a 400 naming the field",
                    observed=f"{exchange.status}: {_message(exchange)}",
                )
        if not ok:
            self._check_error_body(probe, exchange)

    def _stream(self, probe: Probe, exchange: Exchange) -> None:
        if not 200 <= exchange.status < 300:
            self._unexpected(probe, exchange)
            return
        events = exchange.events or []
        if not exchange.content_type.startswith("text/event-stream"):
            self._finding(
                probe,
                exchange,
                kind="stream_framing",
                path="$",
                spec="content type text/event-stream",
                observed=f"content type {exchange.content_type or 'none'}",
            )
            return
        op = operation_object(probe.operation)
        wants_done = "[DONE]" in json.dumps([op.get("description"), op.get("summary"), op.get("responses")])
        chunk = OPERATIONS[probe.operation]["chunk"]
        pointer = f"#/components/schemas/{chunk}"
        done_at: int | None = None
        usage_seen = False
        for i, event in enumerate(events):
            if event.data == "[DONE]":
                done_at = i if done_at is None else done_at
                continue
            if done_at is not None:
                self._finding(
                    probe,
                    exchange,
                    kind="stream_no_done",
                    path=f"event[{i}]",
                    spec="[DONE] ends the stream",
                    observed="data after [DONE]",
                )
                break
            try:
                value = json.loads(event.data)
            except ValueError:
                self._finding(
                    probe,
                    exchange,
                    kind="stream_framing",
                    path=f"event[{i}]",
                    spec="data is JSON",
                    observed=f"event {event.event or 'message'}: {event.data[:60]!r}",
                )
                continue
            if event.event == "error" or (isinstance(value, Mapping) and "error" in value):
                self._finding(
                    probe,
                    exchange,
                    kind="stream_error",
                    path=f"event[{i}]",
                    spec="a valid request streams chunks",
                    observed=event.data[:120],
                )
                continue
            if isinstance(value, Mapping) and value.get("usage") is not None:
                usage_seen = True
            self._schema_findings(probe, exchange, pointer, value, where="chunk:")
        if exchange.cut:
            self._finding(
                probe,
                exchange,
                kind="stream_framing",
                path="$",
                spec="a complete stream",
                observed="the connection broke off mid-stream",
            )
        if wants_done and done_at is None:
            self._finding(
                probe,
                exchange,
                kind="stream_no_done",
                path="$",
                spec="the stream ends with data: [DONE] (the operation's description)",
                observed=f"{len(events)} events, no [DONE]",
                source=op.get("x-oruel-source"),
                docs=op.get("x-oruel-docs"),
            )
        chunk_schema = node(pointer)
        if "usage" in chunk_schema.get("properties", {}) and not usage_seen:
            usage = chunk_schema["properties"]["usage"]
            self._finding(
                probe,
                exchange,
                kind="stream_no_usage",
                path="chunk:$.usage",
                spec=chunk_schema.get("description") or "usage is a chunk property",
                observed=f"{len(events)} events, none with usage",
                source=usage.get("x-oruel-source"),
                docs=chunk_schema.get("x-oruel-docs"),
                pointer=f"{pointer}/properties/usage",
            )

    def _headers(self, probe: Probe, exchange: Exchange) -> None:
        declared = declared_headers(probe.operation, exchange.status)
        for name, header in declared.items():
            if header.get("required") and name.lower() not in exchange.headers:
                self._finding(
                    probe,
                    exchange,
                    kind="missing_header",
                    path=f"headers.{name}",
                    spec=f"header {name} is required",
                    observed="absent",
                )
        if exchange.request_id is None:
            self.report.note(probe.operation, "request id", "an answer came without x-request-id")
        rate = sorted({k for k in exchange.headers if k.lower().startswith(_RATE_HEADERS)})
        if rate:
            self.report.note("*", "rate-limit headers", "rate-limit headers seen: " + ", ".join(rate))


def execute(
    client: Oruel,
    report: Report,
    operations: list[str],
    models: Mapping[str, str],
    seed: int,
    rate: float,
    sleep: Callable[[float], None] = time.sleep,
) -> Report:
    """Plan and run; stops at the budget or on Ctrl-C (the report then says so, and holds what was found)."""
    runner = Runner(client, report, rate=rate, sleep=sleep)
    chosen = dict(models)
    try:
        listed: str | None = None  # the catalog operation, once its baseline has run
        if any(op not in chosen for op in operations if OPERATIONS[op]["body"]):
            catalog, listed = _catalog(runner, operations)
            for op in operations:
                chosen.setdefault(op, catalog)
        probes, costly = plan(operations, chosen, seed)
        probes = [p for p in probes if not (p.operation == listed and p.category == "baseline")]
        report.probes_planned = len(probes) + report.probes_run
        report.probes_skipped += costly
        for n, probe in enumerate(probes):
            try:
                runner.run_probe(probe)
            except BudgetExhausted:
                report.stopped = "budget"
                report.probes_skipped += [p.name + ": budget" for p in probes[n:]]
                break
    except KeyboardInterrupt:
        report.interrupted = True
        report.stopped = "interrupted"
    except BudgetExhausted:
        report.stopped = "budget"
    return report


def _catalog(runner: Runner, operations: list[str]) -> tuple[str, str | None]:
    """The first model of the catalog (the spec's GET without a body), for operations with no model given,
    and that operation when its baseline probe was run by the way."""
    listing = next((op for op, info in OPERATIONS.items() if info["body"] is None and info["method"] == "get"), None)
    if listing is None:
        return _NO_MODEL, None
    probe = Probe(f"{listing}: baseline", listing, "baseline", None, "accept")
    if listing in operations:
        exchange = runner.run_probe(probe)
    else:
        exchange = runner.send(probe)
    value = exchange.json()
    data = value.get("data") if isinstance(value, Mapping) else None
    ids = [m.get("id") for m in data if isinstance(m, Mapping)] if isinstance(data, list) else []
    model = next((i for i in ids if isinstance(i, str)), _NO_MODEL)
    return model, listing if listing in operations else None


def _duration(text: str) -> float | None:
    """Seconds from ``"1.5"``, ``"250ms"``, ``"20s"`` or ``"1m30s"`` (the forms rate-limit headers take)."""
    total = 0.0
    matched = False
    for number, unit in re.findall(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h)?", text.strip()):
        matched = True
        total += float(number) * {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "": 1.0}[unit]
    return total if matched else None


def _retry_after(headers: httpx.Headers) -> float:
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        try:
            return max(0.0, float(headers.get(name, "")) * scale)
        except ValueError:
            continue
    return 1.0


def _message(exchange: Exchange) -> str:
    value = exchange.json()
    if isinstance(value, Mapping):
        error = value.get("error")
        if isinstance(error, Mapping) and isinstance(error.get("message"), str):
            return str(error["message"])[:160]
        if isinstance(value.get("message"), str):
            return str(value["message"])[:160]
    text = exchange.body.decode("utf-8", "replace").strip()
    return text[:160] or "(empty body)"


def _value_text(value: Any, kind: str) -> str:
    if kind == "string":
        return f"a string of {int(value)} characters"
    if kind == "array":
        return f"{int(value)} items"
    return repr(value)
