"""``oruel batch INPUT -o OUTPUT``: the batch engine on the command line.

``add_arguments`` adds the command's own flags to the parser that ``oruel_client/cli/batch.py`` registers
(which also gives it the shared connection flags); ``run_command`` is its handler. Exit codes: 0 every line
succeeded, 7 some lines failed or were invalid (their error results are in the output), 5 some lines got no
answer from the server (no result written; rerun to resume), 130 interrupted (rerun to resume), 1 the run
stopped because the output could not be written (the summary says how far it got), and the CLI's usual
codes for a missing key (6) or an unreadable file (1).
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import stat
import sys
from typing import TYPE_CHECKING, Any, Final

from ..cli.output import EXIT_CONNECTION, EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_NO_KEY, EXIT_OK, EXIT_PARTIAL

if TYPE_CHECKING:
    from .runner import BatchRunner

__all__ = ["add_arguments", "run_command", "EXIT_SOME_FAILED", "EPILOG"]

EXIT_SOME_FAILED: Final = EXIT_PARTIAL

EPILOG: Final = f"""\
input: one JSON object per line, the OpenAI Batch API format:
  {{"custom_id": "q1", "method": "POST", "url": "/v1/chat/completions", "body": {{"model": "...", "messages": [...]}}}}
output: one result per line, the OpenAI batch output format ({{id, custom_id, response: {{status_code,
  request_id, body}}, error}}); a body that is not JSON is null, with body_text (UTF-8 text) or body_base64
  (any other bytes) beside it. Results are appended as they finish; run the same command again to resume
  (custom_ids with a result are skipped; a torn last line is cut).

exit codes: {EXIT_OK} all lines succeeded; {EXIT_SOME_FAILED} some lines failed or were invalid (see their results);
  {EXIT_CONNECTION} some lines got no answer (connection errors; they have no result, rerun to send them);
  {EXIT_INTERRUPTED} interrupted; {EXIT_NO_KEY} no API key;
  {EXIT_FAILURE} a file could not be read or written (the summary says how far the run got)
"""


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be positive, got {text}")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from .results import DEFAULT_CONCURRENCY

    parser.epilog = EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("input", help="requests file (JSONL, OpenAI Batch API input format)")
    parser.add_argument("-o", "--output", required=True, help="results file (JSONL); an existing one is resumed")
    parser.add_argument(
        "--concurrency",
        type=_positive_int,
        default=DEFAULT_CONCURRENCY,
        metavar="N",
        help="requests in flight at most (default: %(default)s); halved on rate limiting, then grown back",
    )
    parser.add_argument(
        "--max-requests-per-minute", type=_positive_float, metavar="N", help="send at most N requests a minute"
    )
    parser.add_argument(
        "--max-tokens-per-minute",
        type=_positive_float,
        metavar="N",
        help="spend at most about N tokens a minute (estimated before sending, corrected by the usage reported)",
    )
    parser.add_argument(
        "--progress",
        choices=("auto", "bar", "lines", "none"),
        default="auto",
        help="a live bar (needs the 'batch' extra: tqdm), plain lines, or nothing (default: a bar on a "
        "terminal, lines otherwise)",
    )
    parser.add_argument(
        "--progress-interval",
        type=_positive_float,
        default=10.0,
        metavar="SECONDS",
        help="seconds between plain progress lines (default: %(default)s)",
    )


def _err(text: str) -> None:
    sys.stderr.write(text if text.endswith("\n") else text + "\n")
    sys.stderr.flush()


def _total(path: str) -> int | None:
    from .inputs import count_lines

    try:
        if stat.S_ISREG(os.stat(path).st_mode):
            return count_lines(path)
    except OSError:
        pass
    return None


def run_command(args: argparse.Namespace, key_holder: Any) -> int:
    """Handler of ``oruel batch``; ``key_holder.key`` is set to the key so the CLI redacts it from errors."""
    from .._client import AsyncOruel
    from .._exceptions import OruelError

    if os.path.abspath(args.input) == os.path.abspath(args.output):
        _err("oruel batch: error: the output file must not be the input file")
        return EXIT_FAILURE
    if not os.path.exists(args.input):
        _err(f"oruel batch: error: no such input file: {args.input}")
        return EXIT_FAILURE
    key = args.api_key if args.api_key is not None else os.environ.get("ORUEL_API_KEY")
    key_holder.key = key
    options: dict[str, Any] = {"api_key": key, "base_url": args.base_url, "validate": not args.no_validate}
    if args.timeout is not None:
        options["timeout"] = args.timeout
    if args.max_retries is not None:
        options["max_retries"] = args.max_retries
    if args.headers:
        options["default_headers"] = dict(args.headers)
    import asyncio

    try:
        client = AsyncOruel(**options)
    except OruelError as exc:
        if not key:
            _err("oruel batch: error: no API key: set the ORUEL_API_KEY environment variable or pass --api-key")
            return EXIT_NO_KEY
        raise exc
    return asyncio.run(_run(args, client))


async def _run(args: argparse.Namespace, client: Any) -> int:
    from .._exceptions import OruelError
    from .inputs import read_lines
    from .progress import make_progress, summary
    from .runner import BatchRunner

    total = _total(args.input)
    progress, note = make_progress(args.progress, sys.stderr, total, args.progress_interval)
    if note:
        _err(f"oruel batch: {note}")
    runner = BatchRunner(
        client,
        output=args.output,
        concurrency=args.concurrency,
        max_requests_per_minute=args.max_requests_per_minute,
        max_tokens_per_minute=args.max_tokens_per_minute,
        on_progress=progress.update,
        total=total,
    )
    interrupts = _install_interrupt(runner)
    fatal: BaseException | None = None
    try:
        async for _ in runner.results(read_lines(args.input)):
            pass  # each result is already in the output file
    except (OruelError, OSError) as exc:  # the output cannot be written, or the client cannot go on
        if isinstance(exc, BrokenPipeError):
            raise
        fatal = exc
    finally:
        _remove_interrupt()
        progress.close(runner.stats)
        await client.close()
    resume = runner.resume
    if resume is not None and (resume.results or resume.repaired_bytes or resume.completed_last_line):
        repaired = f"; repaired a torn last line ({resume.repaired_bytes} bytes cut)" if resume.repaired_bytes else ""
        if resume.completed_last_line:
            repaired += "; the last result lacked its newline (added)"
        if resume.unreadable_lines:
            repaired += f"; ignored {resume.unreadable_lines} lines that are not results"
        _err(f"oruel batch: resumed: {resume.results} results were already in {args.output}{repaired}")
    _err(summary(runner.stats))
    again = shlex.join(["oruel", "batch", args.input, "-o", args.output])
    resume_hint = f"To resume, run the same command again: {again} (with the same options)"
    if fatal is not None:
        _err(
            f"oruel batch: error: {fatal}; the run stopped. {runner.stats.done} lines have a result in "
            f"{args.output}. {resume_hint}"
        )
        return EXIT_FAILURE
    if interrupts:
        _err(f"oruel batch: interrupted; {runner.stats.done} lines have a result in {args.output}. {resume_hint}")
        return EXIT_INTERRUPTED
    if runner.stats.unanswered:
        why = "stopped: the server gave no answer to" if runner.unreachable else "no answer from the server for"
        _err(
            f"oruel batch: {why} {runner.stats.unanswered} lines ({runner.last_connection_error}; base URL "
            f"{client.base_url}). They have no result. {resume_hint}"
        )
        return EXIT_CONNECTION
    # The file's verdict, not only this run's: a resume that skips failed lines still has them in the output.
    return EXIT_SOME_FAILED if runner.stats.errors or runner.stats.skipped_errors else EXIT_OK


_INTERRUPTS: list[int] = []


def _install_interrupt(runner: BatchRunner) -> list[int]:
    """First Ctrl-C: send nothing more, let requests in flight finish. Second: abandon them (a resume sends
    them again)."""
    import asyncio

    _INTERRUPTS.clear()
    loop = asyncio.get_running_loop()

    def on_interrupt() -> None:
        _INTERRUPTS.append(1)
        if len(_INTERRUPTS) == 1:
            _err(
                f"\noruel batch: stopping: waiting for {runner.stats.in_flight} requests in flight "
                "(Ctrl-C again to abandon them; a resume sends them again)"
            )
            runner.stop()
        else:
            runner.abort()

    try:
        loop.add_signal_handler(signal.SIGINT, on_interrupt)
        loop.add_signal_handler(signal.SIGTERM, on_interrupt)
    except (NotImplementedError, RuntimeError):  # not the main thread, or a platform without signal handlers
        pass
    return _INTERRUPTS


def _remove_interrupt() -> None:
    import asyncio

    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.remove_signal_handler(sig)
        except (NotImplementedError, RuntimeError):
            pass
