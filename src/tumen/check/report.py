"""A CheckReport as text, Markdown, HTML, JSON or schema.org ClaimReview JSON-LD."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from markupsafe import escape

from tumen.check import CheckReport, ClaimResult
from tumen.kb.knowledge_base import KnowledgeBase

__all__ = ["FORMATS", "also_close", "render_report", "report_dict"]

_RATING = {"supported": (5, "True"), "contradicted": (1, "False"),
           "not covered": (3, "Not covered by the tumen knowledge base")}


def _result_dict(kb: KnowledgeBase, r: ClaimResult) -> dict[str, Any]:
    v = r.verdict
    e = v.event
    return {
        "sentence": r.text,
        "verdict": v.label,
        "reason": v.reason,
        "claim_dates": [d.isoformat() for d in v.claim_dates] if v.claim_dates else None,
        "time_expressions": [{"text": t.text, "start": t.start.isoformat(),
                              "end": t.end.isoformat(), "kind": t.kind} for t in r.times],
        "evidence": None if e is None else {
            "event": e.id, "title": e.title, "date": e.date.display(),
            "sources": [{"id": s, "title": kb.sources[s].title, "url": kb.sources[s].url}
                        for s in e.sources if s in kb.sources],
        },
        "mismatches": v.mismatches,
        "also_close": [{"event": c.event.id, "title": c.event.title,
                        "date": c.event.date.display()} for c in also_close(r)],
    }


def also_close(r: ClaimResult, n: int = 3) -> list[Any]:
    """The next-closest events, for an editor to weigh against the verdict's."""
    chosen = r.verdict.event.id if r.verdict.event else None
    return [c for c in sorted(r.candidates, key=lambda c: -c.coverage)
            if c.event.id != chosen][:n]


def report_dict(kb: KnowledgeBase, report: CheckReport) -> dict[str, Any]:
    return {"counts": report.counts(), "results": [_result_dict(kb, r) for r in report.results]}


def _text(kb: KnowledgeBase, report: CheckReport) -> str:
    lines = []
    for i, r in enumerate(report.results, 1):
        if r.verdict.label == "no claim":
            continue
        lines.append(f"[{i}] {r.verdict.label.upper()}: {r.text}")
        lines.append(f"    {r.verdict.reason}")
        e = r.verdict.event
        if e is not None:
            lines.append(f"    evidence: {e.id} ({e.date.display()})")
            for s in e.sources:
                if s in kb.sources:
                    lines.append(f"      - {kb.sources[s].title} {kb.sources[s].url}".rstrip())
        if r.verdict.label != "supported" and also_close(r):
            lines.append("    also close: " + "; ".join(
                f"{c.event.id} ({c.event.date.display()})" for c in also_close(r)))
    counts = report.counts()
    lines.append(", ".join(f"{n} {label}" for label, n in counts.items()))
    return "\n".join(lines) + "\n"


def _markdown(kb: KnowledgeBase, report: CheckReport) -> str:
    lines = ["# Claim check", "", "| # | verdict | sentence | evidence |", "|---|---|---|---|"]
    for i, r in enumerate(report.results, 1):
        e = r.verdict.event
        evidence = f"[{e.title}](/events/{e.id}), {e.date.display()}" if e else ""
        reason = r.verdict.reason.replace("|", "\\|")
        close = ""
        if r.verdict.label in ("contradicted", "not covered") and also_close(r):
            close = "<br>also close: " + "; ".join(
                f"[{c.event.title}](/events/{c.event.id}), {c.event.date.display()}"
                for c in also_close(r)).replace("|", "\\|")
        lines.append(f"| {i} | **{r.verdict.label}** | {r.text.replace('|', '/')} | "
                     f"{evidence} {reason if r.verdict.label != 'no claim' else ''}{close} |")
    lines += ["", ", ".join(f"{n} {label}" for label, n in report.counts().items())]
    return "\n".join(lines) + "\n"


def _html(kb: KnowledgeBase, report: CheckReport) -> str:
    rows = []
    for r in report.results:
        cls = r.verdict.label.replace(" ", "-")
        e = r.verdict.event
        evidence = "" if e is None else (f'<a href="/events/{escape(e.id)}">{escape(e.title)}</a>'
                                         f" ({escape(e.date.display())})")
        close = ""
        if r.verdict.label in ("contradicted", "not covered") and also_close(r):
            close = '<div class="also-close">also close: ' + "; ".join(
                f'<a href="/events/{escape(c.event.id)}">{escape(c.event.title)}</a> '
                f"({escape(c.event.date.display())})" for c in also_close(r)) + "</div>"
        rows.append(f'<li class="claim {cls}"><span class="verdict">{escape(r.verdict.label)}'
                    f'</span> <span class="sentence">{escape(r.text)}</span>'
                    f'<div class="reason">{escape(r.verdict.reason)} {evidence}</div>{close}'
                    "</li>")
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Claim check"
            "</title></head><body><h1>Claim check</h1><ol>" + "".join(rows) + "</ol></body>"
            "</html>\n")


def _claimreview(kb: KnowledgeBase, report: CheckReport, today: date | None = None) -> str:
    today = today or date.today()
    items = []
    for r in report.results:
        if r.verdict.label not in _RATING:
            continue
        value, name = _RATING[r.verdict.label]
        item: dict[str, Any] = {
            "@type": "ClaimReview",
            "datePublished": today.isoformat(),
            "claimReviewed": r.text,
            "author": {"@type": "Organization", "name": "tumen"},
            "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": 5,
                             "worstRating": 1, "alternateName": name},
            "reviewBody": r.verdict.reason,
        }
        if r.verdict.event is not None:
            item["itemReviewed"] = {"@type": "Claim", "appearance": [
                {"@type": "CreativeWork", "url": kb.sources[s].url}
                for s in r.verdict.event.sources if s in kb.sources and kb.sources[s].url]}
        items.append(item)
    return json.dumps({"@context": "https://schema.org", "@graph": items}, ensure_ascii=False,
                      indent=2) + "\n"


FORMATS = ("text", "md", "html", "json", "claimreview")


def render_report(kb: KnowledgeBase, report: CheckReport, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(report_dict(kb, report), ensure_ascii=False, indent=2) + "\n"
    return {"text": _text, "md": _markdown, "html": _html,
            "claimreview": _claimreview}[fmt](kb, report)
