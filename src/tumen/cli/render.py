"""Terminal rendering for the CLI: Rich tables on a terminal, plain lines in a pipe."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from tumen.kb.knowledge_base import KnowledgeBase
from tumen.kb.model import Event, Named
from tumen.kb.sourcing import Coverage, Sourcing

__all__ = ["render_eras", "render_events", "render_record", "render_stats"]


def _plain(console: Console) -> bool:
    return not console.is_terminal


def render_events(console: Console, kb: KnowledgeBase, events: Sequence[Event], total: int,
                  scores: Mapping[str, float] | None = None) -> None:
    if not events:
        console.print("no events match", markup=False)
        return
    if _plain(console):
        for e in events:
            line = f"{e.date.display():<30} {e.id:<44} {e.title}"
            console.print(line, markup=False, highlight=False, soft_wrap=True)
    else:
        table = Table(show_header=True, header_style="bold", expand=False, pad_edge=False)
        table.add_column("Date", no_wrap=True)
        table.add_column("Event")
        table.add_column("Type", no_wrap=True)
        table.add_column("★", justify="center", no_wrap=True)
        if scores:
            table.add_column("Score", justify="right", no_wrap=True)
        period = None
        for e in events:
            if not scores and e.period != period:
                period = e.period
                era = kb.period_by_id.get(period)
                table.add_section()
                table.add_row("", f"[bold cyan]{escape(era.title if era else period)}[/]", "", "")
            row = [escape(e.date.display()), f"{escape(e.title)}\n[dim]{e.id}[/]", e.type,
                   "★" * e.significance]
            if scores:
                row.append(f"{scores.get(e.id, 0):.2f}")
            table.add_row(*row)
        console.print(table)
    if total > len(events):
        console.print(f"({len(events)} of {total} shown)", markup=False)


def render_eras(console: Console, kb: KnowledgeBase) -> None:
    for p in kb.periods:
        n = len(kb.events_in_period(p.id))
        if _plain(console):
            console.print(f"{p.id:<22} {p.date.display():<40} {n:>4} events  {p.title}",
                          markup=False, highlight=False, soft_wrap=True)
        else:
            console.print(f"[bold]{escape(p.title)}[/] [dim]({p.id})[/] — "
                          f"{escape(p.date.display())} — {n} events")


def render_stats(console: Console, stats: Mapping[str, Mapping[str, Any]]) -> None:
    for section, counts in stats.items():
        console.print(section.replace("_", " "), style=None if _plain(console) else "bold",
                      markup=False)
        for key, value in counts.items():
            console.print(f"  {key:<28} {value:>6}", markup=False, highlight=False)


def render_sourcing(console: Console, rows: Sequence[Sourcing], figures: Coverage) -> None:
    """The weakest-sourced events, one a line, under the policy's figures."""
    console.print(f"{figures.strong_events} of {figures.events} events "
                  f"({figures.strong_share:.0%}) have a primary or scholarly source; "
                  f"{figures.required_strong} of {figures.required} landmarks and treaties; "
                  f"{figures.weak_sources} of {figures.sources} sources on weak sites "
                  f"({figures.weak_share:.1%}).", markup=False, highlight=False, soft_wrap=True)
    dates = [r.event.date.display() for r in rows]
    wd = max(map(len, dates), default=0)
    wi = max((len(r.event.id) for r in rows), default=0)
    for r, when in zip(rows, dates, strict=True):
        mark = "!" if r.required and not r.strong else ("-" if not r.strong else " ")
        tiers = ", ".join(r.tiers) or "no sources"
        console.print(f"{mark} {when:<{wd}}  {r.event.id:<{wi}}  "
                      f"sig {r.event.significance}  {tiers}", markup=False, highlight=False,
                      soft_wrap=True)
    console.print("! required by the policy and missing; - no primary or scholarly source",
                  markup=False, highlight=False)


def _names(named: Named) -> str:
    parts = [f"{lang}: {name}" for lang, name in named.names.items()]
    return "; ".join(parts)


def _lines(console: Console, rows: Iterable[tuple[str, str]]) -> None:
    for label, value in rows:
        if not value:
            continue
        if _plain(console):
            console.print(f"{label}: {value}", markup=False, highlight=False, soft_wrap=True)
        else:
            console.print(f"[bold]{escape(label)}:[/] {escape(value)}", highlight=False)


def _linked(kb: KnowledgeBase, events: Sequence[Event]) -> str:
    return "\n  " + "\n  ".join(f"{e.date.display()} — {e.title} ({e.id})" for e in events) \
        if events else ""


def render_record(console: Console, kb: KnowledgeBase, kind: str, record: Any) -> None:
    """Show one record of any kind with what links to it."""
    if kind == "event":
        e: Event = record
        era = kb.period_by_id.get(e.period)
        head = e.title if _plain(console) else f"[bold]{escape(e.title)}[/]"
        console.print(head, markup=not _plain(console), highlight=False)
        srcs = []
        for i, sid in enumerate(e.sources, 1):
            s = kb.sources.get(sid)
            if s:
                srcs.append(f"\n  [{i}] {s.citation()}" + (f" — {s.url}" if s.url else ""))
        _lines(console, [
            ("Date", e.date.display() + (" (uncertain)" if e.date.uncertain else "")),
            ("Id", e.id),
            ("Era", era.title if era else e.period),
            ("Type", e.type),
            ("Themes", ", ".join(e.themes)),
            ("Significance", {1: "context", 2: "notable", 3: "landmark"}[e.significance]),
            ("Summary", e.summary),
            ("Names", "; ".join(f"{k}: {v}" for k, v in e.names.items())),
            ("Actors", ", ".join(kb.actors[a].name if a in kb.actors else a for a in e.actors)),
            ("People", ", ".join(kb.people[p].name if p in kb.people else p for p in e.people)),
            ("Places", ", ".join(kb.places[p].name if p in kb.places else p for p in e.places)),
            ("Other dates", "; ".join(f"{a.date.display()} ({', '.join(a.sources)})"
                                      + (f": {a.note}" if a.note else "") for a in e.alt_dates)),
            ("Notes", e.notes),
            ("Sources", "".join(srcs)),
            ("Related", _linked(kb, kb.events_citing("related", e.id))),
        ])
        return
    title = getattr(record, "title", None) or getattr(record, "name", record.id)
    console.print(title if _plain(console) else f"[bold]{escape(title)}[/]",
                  markup=not _plain(console), highlight=False)
    rows: list[tuple[str, str]] = [("Id", record.id), ("Kind", kind)]
    if isinstance(record, Named):
        rows += [("Names", _names(record)), ("Also", ", ".join(record.aliases))]
    for attr in ("side", "date", "born", "died", "coordinates", "description", "intro",
                 "author", "publisher", "url"):
        value = getattr(record, attr, None)
        if value:
            shown = value.display() if hasattr(value, "display") else str(value)
            rows.append((attr.capitalize(), shown))
    field = {"actor": "actors", "person": "people", "place": "places", "source": "sources"}
    if kind == "era":
        rows.append(("Events", _linked(kb, kb.events_in_period(record.id))))
    elif kind in field:
        rows.append(("Events", _linked(kb, kb.events_citing(field[kind], record.id))))
    _lines(console, rows)
