"""Explainer articles: every sentence cited, faithful dates, selection, budget, determinism."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from tumen import Query, load_kb
from tumen.core.errors import ArticleError
from tumen.kb.knowledge_base import KnowledgeBase
from tumen.narrate.article import WORDS_PER_MINUTE, Article, compose_article, split_sentences
from tumen.narrate.formats import article_html, article_json, article_markdown, render_article


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def sentences(a: Article) -> list:  # type: ignore[type-arg]
    paras = [*a.introduction, *a.conclusion]
    for sec in a.sections:
        paras += sec.intro + [p for sub in sec.subsections for p in sub.paragraphs]
    return [s for p in paras for s in p.sentences]


@pytest.mark.parametrize("length", ["short", "medium", "long"])
def test_every_sentence_is_cited_and_every_citation_resolves(kb: KnowledgeBase,
                                                             length: str) -> None:
    a = compose_article(kb, length=length)
    numbers = {f.number for f in a.footnotes}
    assert sentences(a)
    for s in sentences(a):
        assert s.footnotes, f"uncited sentence: {s.text}"
        assert set(s.footnotes) <= numbers
    for f in a.footnotes:
        source = kb.source(f.source_id)
        assert f.title == source.title and f.url == source.url


def test_every_printed_date_matches_its_event(kb: KnowledgeBase) -> None:
    a = compose_article(kb, length="long")
    for s in sentences(a):
        if s.date:
            assert s.date == kb.event(s.events[0]).date.display()
    for sec in a.sections:
        for shown, title, eid in sec.key_dates:
            event = kb.event(eid)
            assert (shown, title) == (event.date.display(), event.title)
            assert event.period == sec.era


def test_event_text_is_the_kb_summary_verbatim(kb: KnowledgeBase) -> None:
    a = compose_article(kb, length="medium")
    paragraphs = [p for sec in a.sections for sub in sec.subsections for p in sub.paragraphs]
    assert sorted(p.event for p in paragraphs) == sorted(a.events)
    for p in paragraphs:
        text = " ".join(s.text for s in p.sentences)
        assert text == " ".join(kb.event(p.event).summary.split())


def test_no_event_outside_the_requested_range_or_theme(kb: KnowledgeBase) -> None:
    a = compose_article(kb, Query(themes=("nuclear",), start="1950", end="2000"),
                        length="long")
    cited = {e for s in sentences(a) for e in s.events}
    assert cited
    for eid in cited | {k[2] for sec in a.sections for k in sec.key_dates}:
        event = kb.event(eid)
        assert "nuclear" in event.themes, eid
        assert event.date.overlaps(date(1950, 1, 1), date(2000, 12, 31)), eid


def test_reading_time_agrees_with_word_count(kb: KnowledgeBase) -> None:
    a = compose_article(kb, length="medium")
    counted = sum(len(re.sub(r"\s+", " ", s.text).split()) for s in sentences(a))
    assert a.word_count == counted
    assert a.reading_minutes == max(1, -(-counted // WORDS_PER_MINUTE))
    assert f"{a.reading_minutes} min read" in article_markdown(a)


def test_budget_is_respected_and_grows(kb: KnowledgeBase) -> None:
    sizes = [compose_article(kb, words=n).word_count for n in (800, 1600, 3200)]
    assert sizes[0] <= 800 and sizes[1] <= 1600 and sizes[2] <= 3200
    assert sizes[0] < sizes[1] < sizes[2]


def test_same_input_gives_identical_output(kb: KnowledgeBase) -> None:
    for fmt in ("md", "html", "json"):
        one = render_article(compose_article(kb, length="short"), fmt)
        two = render_article(compose_article(load_kb(), length="short"), fmt)
        assert one == two


def test_empty_selection_is_refused(kb: KnowledgeBase) -> None:
    with pytest.raises(ArticleError, match="no events match"):
        compose_article(kb, Query(start="1860", end="1861", themes=("nuclear",)))


def test_too_small_budget_gives_the_minimum(kb: KnowledgeBase) -> None:
    with pytest.raises(ArticleError, match=r"at least (\d+) words") as info:
        compose_article(kb, words=20)
    minimum = int(re.search(r"at least (\d+)", str(info.value)).group(1))  # type: ignore[union-attr]
    assert compose_article(kb, words=minimum).word_count <= minimum


def test_themed_subsections_when_an_era_has_threads(kb: KnowledgeBase) -> None:
    a = compose_article(kb, length="long")
    headings = {sub.heading for sec in a.sections for sub in sec.subsections}
    assert len(headings - {""}) >= 2


def test_formats(kb: KnowledgeBase) -> None:
    a = compose_article(kb, Query(periods=("cold-war",)), length="short")
    md = article_markdown(a)
    assert md.startswith("# Russia and Korea: Alliance and distance")
    assert "> **Key dates**" in md and "[^1]: " in md
    data = json.loads(article_json(a))
    assert {"title", "sections", "footnotes", "reading_minutes"} <= set(data)
    html = article_html(a)
    assert html.startswith("<!doctype html>") and "@media print" in html
    assert 'href="#fn-1"' in html and 'id="fn-1"' in html


@pytest.mark.parametrize("text,expected", [
    ("It was signed c. 1863 in Seoul. Then it lapsed.",
     ["It was signed c. 1863 in Seoul.", "Then it lapsed."]),
    ("The U.S. envoy left. Russia stayed [@a; @b]. Done.",
     ["The U.S. envoy left.", "Russia stayed [@a; @b].", "Done."]),
    ("Kim Il Sung met J. Stalin in Moscow. They agreed.",
     ["Kim Il Sung met J. Stalin in Moscow.", "They agreed."]),
])
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_cli_article(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tumen.cli.commands import cli

    out = tmp_path / "a.html"
    r = CliRunner().invoke(cli, ["article", "--era", "cold-war", "--length", "short",
                                 "--format", "html", "-o", str(out)])
    assert r.exit_code == 0 and out.read_text("utf-8").startswith("<!doctype html>")
    r = CliRunner().invoke(cli, ["article", "--words", "10"])
    assert r.exit_code == 2 and "at least" in r.stderr
