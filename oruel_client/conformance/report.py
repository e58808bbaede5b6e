"""What a conformance run found: findings (the service and the spec disagree), notes (facts the spec does not
speak to, such as undocumented headers), and how much of the budget was spent. Rendered as a table, JSON or
Markdown; every string passes through ``redact`` so that the API key can never appear in any of them."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Final

__all__ = ["KINDS", "Finding", "Note", "Report"]

_MANY_FIELDS: Final = 4

# Every kind of finding, with what it means: the README and `oruel conformance --help` show this table.
KINDS: Final = {
    "accepts_forbidden": "the service accepts what the spec forbids (a value past a documented bound)",
    "refuses_allowed": "the service refuses what the spec allows (a value at a documented bound)",
    "refusal_unclear": "the service refuses a value past a bound, but not with a 400 that names the field",
    "missing_field": "a required response field is missing",
    "wrong_type": "a response field has a type the spec does not allow",
    "unknown_enum_value": "a response field has a value outside the spec's enum",
    "undocumented_field": "a response carries a field the spec does not list",
    "stream_framing": "a stream is not server-sent events of JSON data",
    "stream_no_done": "a stream the spec ends with [DONE] ended without it (or sent data after it)",
    "stream_no_usage": "no chunk of a stream carried usage, which the spec's chunk schema documents",
    "stream_error": "an error arrived inside a stream of a valid request",
    "error_status": "an error probe was answered with a status the spec does not lead to expect",
    "unexpected_status": "a valid request was refused",
    "missing_header": "a response lacks a header the spec declares",
}


@dataclass
class Finding:
    """One disagreement between the service and the spec. ``path`` is a JSON path into the request body
    (range findings) or into the answer; ``spec`` says what the spec states, ``source``/``docs`` where that
    comes from (``x-oruel-source``: documented, with its page, or decided); ``pointer`` is the place in
    openapi.yaml, and ``suggestion`` the change that would match the service, where it is obvious."""

    operation: str
    kind: str
    path: str
    spec: str
    observed: str
    probe: str
    source: str | None = None
    docs: str | None = None
    pointer: str | None = None
    suggestion: str | None = None
    request_id: str | None = None
    status: int | None = None
    count: int = 1

    def key(self) -> tuple[str, str, str]:
        return (self.operation, self.kind, self.path)


@dataclass
class Note:
    """A fact worth knowing that is not a disagreement (the spec says nothing either way)."""

    operation: str
    topic: str
    text: str


@dataclass
class Report:
    base_url: str
    budget: int
    seed: int
    findings: list[Finding] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    requests_sent: int = 0
    probes_run: int = 0
    probes_planned: int = 0
    probes_skipped: list[str] = field(default_factory=list)  # not run: the budget ran out, or too costly
    interrupted: bool = False
    stopped: str | None = None  # why the run ended early (budget, Ctrl-C)

    @property
    def conforms(self) -> bool:
        return not self.findings

    def add(self, finding: Finding) -> None:
        """Record a finding; the same kind at the same path of the same operation is counted, not repeated.
        Undocumented fields of one object beyond a few (a generator's random keys) become one ``.*`` finding."""
        if finding.kind == "undocumented_field" and not finding.path.endswith(".*"):
            parent = finding.path.rsplit(".", 1)[0]
            siblings = [
                f
                for f in self.findings
                if f.key()[:2] == finding.key()[:2]
                and f.path.rsplit(".", 1)[0] == parent
                and not f.path.endswith(".*")
                and f.path != finding.path
            ]
            if len(siblings) >= _MANY_FIELDS:
                self.findings = [f for f in self.findings if f not in siblings]
                names = [f.path.rsplit(".", 1)[1] for f in siblings]
                finding.path = parent + ".*"
                finding.observed = f"more than {_MANY_FIELDS} undocumented fields: {', '.join(names)}, ..."
                finding.suggestion = None
                finding.count += sum(f.count for f in siblings)
        for known in self.findings:
            if known.key() == finding.key():
                known.count += finding.count
                return
        self.findings.append(finding)

    def note(self, operation: str, topic: str, text: str) -> None:
        if not any(n.operation == operation and n.topic == topic for n in self.notes):
            self.notes.append(Note(operation, topic, text))

    def redact(self, key: str | None) -> None:
        """Replace the key wherever a server echoed it back."""
        if not key:
            return
        for item in [*self.findings, *self.notes]:
            for name, value in vars(item).items():
                if isinstance(value, str) and key in value:
                    setattr(item, name, value.replace(key, "***"))
        self.probes_skipped = [s.replace(key, "***") for s in self.probes_skipped]
        self.base_url = self.base_url.replace(key, "***")

    def to_dict(self) -> dict[str, Any]:
        return {
            "conforms": self.conforms,
            "base_url": self.base_url,
            "budget": self.budget,
            "seed": self.seed,
            "requests_sent": self.requests_sent,
            "probes_planned": self.probes_planned,
            "probes_run": self.probes_run,
            "probes_skipped": self.probes_skipped,
            "interrupted": self.interrupted,
            "stopped": self.stopped,
            "findings": [asdict(f) for f in self.findings],
            "notes": [asdict(n) for n in self.notes],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    def summary(self) -> str:
        verdict = "conforms" if self.conforms else f"{len(self.findings)} finding(s)"
        end = f"; stopped: {self.stopped}" if self.stopped else ""
        return (
            f"{verdict}: {self.probes_run} of {self.probes_planned} probes run, "
            f"{self.requests_sent} of {self.budget} requests spent (seed {self.seed}){end}"
        )

    def to_text(self) -> str:
        """A table for a terminal: one row per finding, then the notes and the summary."""
        lines: list[str] = []
        if self.findings:
            rows = [("operation", "kind", "path", "spec says", "service did")]
            for f in self.findings:
                rows.append((f.operation, f.kind, f.path, _short(f.spec), _short(f.observed)))
            widths = [max(len(r[i]) for r in rows) for i in range(5)]
            for n, row in enumerate(rows):
                lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
                if n == 0:
                    lines.append("  ".join("-" * w for w in widths))
            lines.append("")
            for f in self.findings:
                extra = [
                    x
                    for x in (
                        _provenance(f),
                        f.suggestion and f"change: {f.suggestion}",
                        f.request_id and f"request id {f.request_id}",
                    )
                    if x
                ]
                if extra:
                    lines.append(f"{f.operation} {f.path} ({f.kind}): " + "; ".join(extra))
            lines.append("")
        for note in self.notes:
            lines.append(f"note: {note.operation}: {note.text}")
        if self.probes_skipped:
            lines.append(
                f"not run: {len(self.probes_skipped)} probe(s) ({', '.join(self.probes_skipped[:6])}"
                + (", ..." if len(self.probes_skipped) > 6 else "")
                + ")"
            )
        lines.append(self.summary())
        return "\n".join(lines) + "\n"

    def to_markdown(self) -> str:
        out = ["# Oru-el conformance report", "", f"Base URL: `{self.base_url}`  ", self.summary(), ""]
        if self.findings:
            out += [
                "| operation | kind | path | spec says | provenance | service did | request id | change |",
                "|---|---|---|---|---|---|---|---|",
            ]
            for f in self.findings:
                cells = [
                    f.operation,
                    f.kind,
                    f"`{f.path}`",
                    f.spec,
                    _provenance(f) or "",
                    f.observed,
                    f.request_id or "",
                    f.suggestion or "",
                ]
                out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
            out.append("")
        else:
            out += ["No findings: the service answered as the spec says.", ""]
        if self.notes:
            out += ["## Notes", ""] + [f"- {n.operation}: {_cell(n.text)}" for n in self.notes] + [""]
        if self.probes_skipped:
            out += ["## Not run", ""] + [f"- {s}" for s in self.probes_skipped] + [""]
        return "\n".join(out)


def _provenance(f: Finding) -> str:
    if not f.source and not f.pointer:
        return ""
    where = f" ({f.docs})" if f.docs else ""
    at = f" at {f.pointer}" if f.pointer else ""
    return f"{f.source or 'no x-oruel-source'}{where}{at}"


def _short(text: str, width: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")
