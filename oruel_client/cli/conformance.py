"""``oruel conformance``: check the spec against a live deployment, within a request budget
(``oruel_client.conformance``). Exit 0 when the service answers as the spec says, ``EXIT_DRIFT`` when it
does not; a key that does not work and a service that cannot be reached end as every command ends."""

from __future__ import annotations

import argparse
import importlib.util
from typing import TYPE_CHECKING, Final

from .._generated.rules import OPERATIONS
from .context import Context, open_client
from .output import EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_PARTIAL, PROG, err, out, redact
from .parser import command, non_negative_int

if TYPE_CHECKING:
    from .parser import Subparsers

__all__ = ["EXIT_DRIFT", "register"]

EXIT_DRIFT: Final = EXIT_PARTIAL

_EPILOG: Final = f"""\
exit codes (besides those of `{PROG} --help`):
  {EXIT_OK}    the service answered every probe as the spec says
  {EXIT_DRIFT}    drift: at least one finding (the service and the spec disagree)
  {EXIT_INTERRUPTED}  interrupted (Ctrl-C): what was found so far is printed first

operations: {", ".join(OPERATIONS)}
"""


def _models(values: list[str] | None) -> str | dict[str, str] | None:
    """``--model M`` for every operation, ``--model operationId=M`` for one (repeatable)."""
    if not values:
        return None
    per: dict[str, str] = {}
    common: str | None = None
    for value in values:
        op, sep, model = value.partition("=")
        if sep and op in OPERATIONS:
            per[op] = model
        else:
            common = value
    if common is not None:
        return {op: per.get(op, common) for op in OPERATIONS}
    return per


def _cmd_conformance(args: argparse.Namespace, ctx: Context) -> int:
    from ..conformance import run

    operations = [o.strip() for o in args.operations.split(",") if o.strip()] if args.operations else None
    unknown = [op for op in operations or [] if op not in OPERATIONS]
    if unknown:
        ctx.usage_error(f"unknown operation(s) {', '.join(unknown)}; choose from {', '.join(OPERATIONS)}")
    if args.budget < 1:
        ctx.usage_error("--budget must be at least 1")
    if importlib.util.find_spec("jsonschema") is None:
        err(f"{PROG}: error: conformance needs jsonschema; install oruel-client[conformance]")
        return EXIT_FAILURE
    client = open_client(args, ctx)
    with client:
        report = run(
            client,
            budget=args.budget,
            seed=args.seed,
            operations=operations,
            model=_models(args.model),
            rate=args.rate,
        )
    report.redact(ctx.key)
    text = report.to_json() + "\n" if args.json else report.to_text()
    out(redact(text, ctx.key))
    if args.report:
        try:
            with open(args.report, "w", encoding="utf-8") as handle:
                handle.write(redact(report.to_markdown(), ctx.key))
        except OSError as exc:
            err(f"{PROG}: error: cannot write {args.report}: {exc}")
            return EXIT_FAILURE
    if report.interrupted:
        return EXIT_INTERRUPTED
    return EXIT_OK if report.conforms else EXIT_DRIFT


def _rate(text: str) -> float:
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def register(sub: Subparsers, conn: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    from ..conformance import DEFAULT_BUDGET, DEFAULT_RATE

    parser = command(
        sub,
        "conformance",
        _cmd_conformance,
        resource=None,
        connection=conn,
        help="check the spec against a live deployment, within a request budget",
        description="Send spec-derived probes (ranges at and past their bounds, response schemas, streams, "
        "errors, headers) and report where the service and openapi.yaml disagree.",
    )
    parser.epilog = _EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument(
        "--budget",
        type=non_negative_int,
        default=DEFAULT_BUDGET,
        help=f"most requests sent, every attempt counted (default {DEFAULT_BUDGET})",
    )
    parser.add_argument("--seed", type=int, default=0, help="orders the range probes (default 0)")
    parser.add_argument("--operations", metavar="A,B", help="operationIds to probe (default: all)")
    parser.add_argument(
        "--model",
        action="append",
        metavar="[OPERATION=]MODEL",
        help="model for every operation, or for one (repeatable; default: the first of the catalog)",
    )
    parser.add_argument(
        "--rate", type=_rate, default=DEFAULT_RATE, help=f"requests per second at most (default {DEFAULT_RATE:g})"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--report", metavar="FILE.md", help="also write the report as Markdown")
    return [parser]
