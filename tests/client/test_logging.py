"""ORUEL_LOG opt-in logging, and what the request/retry log records contain (metadata, never the key)."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from oruel_client._exceptions import AuthenticationError
from oruel_client._logging import logger, setup_logging
from tests.rawhttp import RawServer, json_response

from .test_base_client import KEY, OK_BODY, Driver, envelope, reply


@pytest.fixture(autouse=True)
def restore_logger(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("ORUEL_LOG", raising=False)
    handlers, level = list(logger.handlers), logger.level
    yield
    logger.handlers[:] = handlers
    logger.setLevel(level)


@pytest.fixture
def server() -> Iterator[RawServer]:
    srv = RawServer()
    yield srv
    srv.close()


def own_handlers() -> list[logging.Handler]:
    return [h for h in logger.handlers if type(h).__name__ == "_StderrHandler"]


@pytest.mark.parametrize(("value", "level"), [("debug", logging.DEBUG), ("INFO", logging.INFO), (" Debug ", 10)])
def test_oruel_log_sets_level_and_one_handler(monkeypatch: pytest.MonkeyPatch, value: str, level: int) -> None:
    monkeypatch.setenv("ORUEL_LOG", value)
    setup_logging()
    setup_logging()  # idempotent
    assert len(own_handlers()) == 1
    assert logger.level == level


@pytest.mark.parametrize("value", [None, "", "verbose", "warning"])
def test_no_or_unknown_oruel_log_changes_nothing(monkeypatch: pytest.MonkeyPatch, value: str | None) -> None:
    if value is not None:
        monkeypatch.setenv("ORUEL_LOG", value)
    setup_logging()
    assert own_handlers() == []
    assert logger.level == logging.NOTSET


async def test_oruel_log_debug_writes_request_metadata_to_stderr(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], server: RawServer
) -> None:
    monkeypatch.setenv("ORUEL_LOG", "debug")
    server.script.extend([reply(json_response(500, envelope("boom"))), reply(json_response(200, OK_BODY))])
    driver = Driver("sync", server.url + "/v1")  # constructing a client applies ORUEL_LOG
    try:
        await driver.request()
    finally:
        await driver.close()
    err = capsys.readouterr().err
    assert "POST /v1/chat/completions -> 500 (attempt 1," in err
    assert "Retrying POST /v1/chat/completions after 500 in 0.500 s (retry 1 of 2)" in err
    assert "POST /v1/chat/completions -> 200 (attempt 2," in err
    assert KEY not in err and "boom" not in err  # no headers, no bodies


async def test_without_oruel_log_nothing_is_written(capsys: pytest.CaptureFixture[str], server: RawServer) -> None:
    server.script.append(reply(json_response(200, OK_BODY)))
    driver = Driver("sync", server.url)
    try:
        await driver.request()
    finally:
        await driver.close()
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_debug_records_carry_metadata_and_never_the_key(
    mode: str, caplog: pytest.LogCaptureFixture, server: RawServer
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, httpx and httpcore included
    server.script.extend(
        [
            reply(json_response(429, envelope("slow"), {"retry-after-ms": "1"})),
            reply(json_response(401, envelope(f"invalid key {KEY[:6]}..."))),
        ]
    )
    driver = Driver(mode, server.url + "/v1", default_query={"api-version": "1"})
    try:
        with pytest.raises(AuthenticationError):
            await driver.request()
    finally:
        await driver.close()
    assert server.requests[0].headers["authorization"] == f"Bearer {KEY}"

    ours = [r for r in caplog.records if r.name == "oruel_client"]
    messages = [r.getMessage() for r in ours]
    assert messages[0].startswith("POST /v1/chat/completions -> 429 (attempt 1, ")
    assert messages[1] == "Retrying POST /v1/chat/completions after 429 in 0.001 s (retry 1 of 2)"
    assert messages[2].startswith("POST /v1/chat/completions -> 401 (attempt 2, ")
    retry = vars(ours[1])  # the structured fields passed as ``extra``
    assert (retry["oruel_method"], retry["oruel_path"], retry["oruel_outcome"]) == ("POST", "/v1/chat/completions", 429)
    assert retry["oruel_delay"] == pytest.approx(0.001)
    assert vars(ours[2])["oruel_elapsed_ms"] >= 0
    assert all("api-version" not in m for m in messages)  # the path only, never the query

    assert len(caplog.records) > len(ours)  # httpx/httpcore records were captured too
    for record in caplog.records:
        assert KEY not in record.getMessage()
        assert KEY not in repr(record.args)
        assert KEY not in repr(vars(record))
    assert KEY not in caplog.text


async def test_disabled_logger_gets_no_records(caplog: pytest.LogCaptureFixture, server: RawServer) -> None:
    caplog.set_level(logging.WARNING, logger="oruel_client")
    server.script.extend([reply(json_response(500, envelope("x"))), reply(json_response(200, OK_BODY))])
    driver = Driver("sync", server.url)
    try:
        await driver.request()
    finally:
        await driver.close()
    assert [r for r in caplog.records if r.name == "oruel_client"] == []
