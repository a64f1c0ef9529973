"""The claim checker end to end on the mini KB: verdicts, evidence, input errors, interfaces."""

from __future__ import annotations

import importlib
import io
import json
import pkgutil
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tumen import load_kb
from tumen.check import check_text
from tumen.check.report import render_report
from tumen.check.sentences import split_claims
from tumen.check.source import MAX_BYTES, read_source, text_from_bytes
from tumen.cli.commands import cli
from tumen.core.errors import CheckInputError
from tumen.core.text import MAX_SENTENCE, split_sentences
from tumen.kb.knowledge_base import KnowledgeBase


@pytest.fixture
def kb(mini_path: Path) -> KnowledgeBase:
    return load_kb(mini_path)


def verdicts(kb: KnowledgeBase, text: str) -> list[tuple[str, str | None]]:
    report = check_text(kb, text)
    return [(r.verdict.label, r.verdict.event.id if r.verdict.event else None)
            for r in report.results]


def test_supported_with_evidence(kb: KnowledgeBase) -> None:
    assert verdicts(kb, "Karl Waeber opened the Russian legation in Seoul in 1885.") == \
        [("supported", "legation-1885")]


def test_wrong_year_is_contradicted_with_the_kb_date(kb: KnowledgeBase) -> None:
    report = check_text(kb, "The Russian legation in Seoul opened in 1896.")
    (r,) = report.results
    assert r.verdict.label == "contradicted" and r.verdict.event
    assert r.verdict.event.id == "legation-1885"
    assert "October 1885" in r.verdict.reason


def test_wrong_place_is_contradicted(kb: KnowledgeBase) -> None:
    (label, event), = verdicts(kb, "In 1961 Khrushchev and Kim Il Sung signed the treaty of "
                                   "friendship in Seoul.")
    assert (label, event) == ("contradicted", "treaty-1961")


def test_unknown_things_are_not_covered(kb: KnowledgeBase) -> None:
    assert verdicts(kb, "Soviet and Joseon navies held joint exercises in 1889.")[0][0] == \
        "not covered"


def test_opinion_is_no_claim(kb: KnowledgeBase) -> None:
    assert verdicts(kb, "This is a fascinating story.") == [("no claim", None)]


def test_recurring_kinds_are_never_contradicted_on_dates(kb: KnowledgeBase) -> None:
    (label, _), = verdicts(kb, "Soviet reconstruction aid rebuilt North Korean industry in "
                               "1975.")
    assert label != "contradicted"


def test_conjoined_dated_clauses_are_split() -> None:
    assert split_claims("The legation opened in 1885; the king fled there in 1896.") == \
        ["The legation opened in 1885", "the king fled there in 1896."]


@pytest.mark.parametrize("data,message", [
    (b"", "no text"), (b"   \n", "no text"), (b"\x00\x01binary", "binary"),
    (b"caf\xe9 au lait", "not UTF-8"), (b"x" * (MAX_BYTES + 1), "limit"),
])
def test_bad_input_says_why(data: bytes, message: str) -> None:
    with pytest.raises(CheckInputError, match=message):
        text_from_bytes(data, "input")


def test_html_is_reduced_to_its_text() -> None:
    page = (b"<!doctype html><html><head><title>x</title></head><body><nav>Menu Home</nav>"
            b"<article><p>The Russian legation in Seoul opened in 1885 after the treaty of "
            b"1884 was ratified by both courts.</p><p>It stood on a hill in Jeong-dong and "
            b"was one of the largest buildings in the city at the time.</p></article>"
            b"</body></html>")
    assert "legation in Seoul opened in 1885" in text_from_bytes(page, "page")


def test_sources(tmp_path: Path) -> None:
    with pytest.raises(CheckInputError, match="no such file"):
        read_source(str(tmp_path / "missing.txt"))
    assert read_source("-", io.BytesIO(b"In 1961 a treaty.")) == "In 1961 a treaty."
    with pytest.raises(CheckInputError, match=r"cannot be fetched|no answer"):
        read_source("http://127.0.0.1:9/nothing-listens-here", allow_private=True)


def test_formats(kb: KnowledgeBase) -> None:
    report = check_text(kb, "The Russian legation in Seoul opened in 1896. It was nice.")
    data = json.loads(render_report(kb, report, "json"))
    assert data["counts"]["contradicted"] == 1
    assert data["results"][0]["evidence"]["sources"][0]["url"].startswith("https://")
    others = data["results"][0]["also_close"]  # the next-closest events, for the editor
    assert others and all(set(o) == {"event", "title", "date"} for o in others)
    assert data["results"][0]["evidence"]["event"] not in {o["event"] for o in others}
    assert f"also close: {others[0]['event']}" in render_report(kb, report, "text")
    assert f"/events/{others[0]['event']}" in render_report(kb, report, "md").split("also close")[1]
    assert 'class="also-close"' in render_report(kb, report, "html")
    review = json.loads(render_report(kb, report, "claimreview"))
    assert review["@graph"][0]["@type"] == "ClaimReview"
    assert review["@graph"][0]["reviewRating"]["alternateName"] == "False"
    assert "CONTRADICTED" in render_report(kb, report, "text")
    assert "**contradicted**" in render_report(kb, report, "md")
    assert "<li class=\"claim contradicted\">" in render_report(kb, report, "html")


def test_cli_check_and_fail_on(mini_path: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The Russian legation in Seoul opened in 1896.", encoding="utf-8")
    runner = CliRunner()
    ok = runner.invoke(cli, ["--kb", str(mini_path), "check", str(article)])
    assert ok.exit_code == 0 and "CONTRADICTED" in ok.stdout
    failed = runner.invoke(cli, ["--kb", str(mini_path), "check", str(article), "--fail-on",
                                 "contradicted"])
    assert failed.exit_code == 1 and "1 sentence(s) contradicted" in failed.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    bad = runner.invoke(cli, ["--kb", str(mini_path), "check", str(empty)])
    assert bad.exit_code == 1 and "no text to check" in bad.stderr


def test_labelled_claims_are_well_formed() -> None:
    from collections import Counter

    kb = load_kb()
    folder = Path(__file__).resolve().parents[2] / "benchmarks" / "claims"
    rows = [json.loads(line) for path in sorted(folder.glob("claims-*.jsonl"))
            for line in path.read_text("utf-8").splitlines() if line.strip()]
    assert len(rows) >= 200
    assert len({r["id"] for r in rows}) == len(rows)
    labels = Counter(r["label"] for r in rows)
    assert labels["supported"] >= 0.35 * len(rows) and labels["contradicted"] >= 0.35 * len(rows)
    assert labels["not_covered"] >= 0.15 * len(rows)
    for r in rows:
        assert set(r) == {"id", "claim", "label", "gold_events", "error_type", "split", "notes"}
        assert r["split"] in ("dev", "test", "holdout", "final", "blind", "blind2", "blind3",
                              "blind4", "blind5", "blind6", "blind7")
        assert (r["label"] == "not_covered") == (not r["gold_events"]), r["id"]
        for event in r["gold_events"]:
            assert event in kb.event_by_id, (r["id"], event)


def test_a_town_far_from_the_event_is_contradicted(kb: KnowledgeBase) -> None:
    report = check_text(kb, "In 1961 Khrushchev and Kim Il Sung signed the treaty of "
                            "friendship in Hamburg.")
    (r,) = report.results
    assert r.verdict.label == "contradicted"
    assert "the claim says Hamburg; the KB says Moscow" in r.verdict.reason


def test_a_town_beside_the_event_place_is_no_clash(kb: KnowledgeBase) -> None:
    # Khimki is some 20 km from Moscow: not a different place
    assert verdicts(kb, "In 1961 Khrushchev and Kim Il Sung signed the treaty of friendship "
                        "in Khimki.") == [("supported", "treaty-1961")]


def test_month_names_are_not_towns(kb: KnowledgeBase) -> None:
    assert verdicts(kb, "Khrushchev and Kim Il Sung signed the treaty of friendship in July "
                        "1961.") == [("supported", "treaty-1961")]


def test_another_instruments_name_on_an_events_terms(kb: KnowledgeBase) -> None:
    report = check_text(kb, "In 1961 Khrushchev and Kim Il Sung signed the Convention of "
                            "Peking, a mutual assistance treaty.")
    (r,) = report.results
    assert r.verdict.label == "contradicted" and r.verdict.event
    assert r.verdict.event.id == "treaty-1961"
    assert r.verdict.reason.startswith("name: ") and "Convention of Peking" in r.verdict.reason


def test_a_different_given_name_is_a_different_person(kb: KnowledgeBase) -> None:
    # the KB's Khrushchev is Nikita; "Sergei Khrushchev" is not him
    result = check_text(kb, "Sergei Khrushchev visited Moscow in 1961.").results[0]
    assert "nikita-khrushchev" not in result.mentions.people
    result = check_text(kb, "When Khrushchev visited Moscow in 1961.").results[0]
    assert "nikita-khrushchev" in result.mentions.people


@pytest.mark.parametrize(("text", "stranger"), [
    ("Khrushchev met Foreign Minister Inoue Kaoru in 1961.", "Inoue Kaoru"),
    ("The envoy attended the coronation of Alexander III.", "Alexander III"),
    ("Kim Il Sung held talks with Yuri Andropov in Moscow.", "Yuri Andropov"),
    ("In October 1937 Lavrentiy Beria reported to Stalin.", "Lavrentiy Beria"),
])
def test_people_the_kb_does_not_know_are_noticed(kb: KnowledgeBase, text: str,
                                                 stranger: str) -> None:
    assert check_text(kb, text).results[0].mentions.strangers == [stranger]


@pytest.mark.parametrize("text", [
    "Khrushchev signed the treaty with Kim Il Sung in 1961.",  # the start of a known name
    "The General Assembly voted in 1961.",  # an institution
    "Kim Il Sung's talks with North Korea's allies in 1961.",
    "Khrushchev's meeting with Karl Waeber's heirs in 1961.",
    "In 1961 Kim Il Sung signed the treaty.",  # not "Il Sung"
])
def test_known_names_and_institutions_are_not_strangers(kb: KnowledgeBase, text: str) -> None:
    assert check_text(kb, text).results[0].mentions.strangers == []


def test_a_stranger_where_the_kb_names_others_is_contradicted(kb: KnowledgeBase) -> None:
    (r,) = check_text(kb, "In July 1961 Kim Il Sung signed the treaty of friendship in Moscow "
                          "with Leonid Brezhnev.").results
    assert r.verdict.label == "contradicted"
    assert "the claim names Leonid Brezhnev; the KB names" in r.verdict.reason


@pytest.mark.parametrize(("text", "start", "end"), [
    ("Left unrenewed, the 1961 alliance expired in September 1998.", "1998-09-01",
     "1998-09-30"),  # the year names the alliance; the claim's own time is 1998
    ("After the August 1956 purge, Mikoyan flew to Pyongyang.", "1956-08-01", "9999-12-31"),
    ("Before the 1950 war, Moscow armed the North.", "0001-01-01", "1950-12-31"),
    ("The 1961 treaty was signed in Moscow.", "1961-01-01", "1961-12-31"),  # nothing else
])
def test_dated_names_do_not_fix_the_claims_time(text: str, start: str, end: str) -> None:
    from tumen.check.timex import extract_times
    from tumen.check.verdict import asserted_times

    [t] = asserted_times(text, extract_times(text))
    assert (t.start.isoformat(), t.end.isoformat()) == (start, end)


def test_goods_bound_for_a_place_do_not_set_the_event_there(kb: KnowledgeBase) -> None:
    result = check_text(kb, "In 1961 Moscow banned arms sales to Seoul.").results[0]
    assert "seoul" not in result.mentions.places
    result = check_text(kb, "In 1961 Khrushchev flew to Seoul.").results[0]
    assert "seoul" in result.mentions.destinations


def test_a_proper_instrument_name_from_another_time(kb: KnowledgeBase) -> None:
    (r,) = check_text(kb, "Karl Waeber opened the Russian legation in Seoul in October 1885 "
                          "under the Soviet–North Korean Treaty.").results
    assert r.verdict.label == "contradicted" and r.verdict.event
    assert r.verdict.event.id == "legation-1885"
    assert "Soviet–North Korean Treaty of Friendship" in r.verdict.reason


@pytest.mark.parametrize(("claim", "kept"), [
    ("General Hong, whose partisans had beaten Japanese troops in 1920, crossed the border.",
     "General Hong , crossed the border."),
    ("He returned the recorder of the airliner that a fighter had shot down in 1983.",
     "He returned the recorder of the airliner"),
    ("Rogachev declared that Russia had inherited all treaties.",  # reported, not background
     "Rogachev declared that Russia had inherited all treaties."),
    ("Yeltsin told Roh in 1992 that Russia had stopped arming the North.",
     "Yeltsin told Roh in 1992 that Russia had stopped arming the North."),
])
def test_background_clauses_are_set_aside(claim: str, kept: str) -> None:
    from tumen.check.sentences import background

    out = background(claim)
    assert len(out) == len(claim)
    assert " ".join(out.split()) == " ".join(kept.split())


def test_a_background_date_is_not_the_claims_date(kb: KnowledgeBase) -> None:
    assert verdicts(kb, "In 1961 Khrushchev, who had denounced Stalin in 1956, signed the "
                        "treaty of friendship with Kim Il Sung in Moscow.") == \
        [("supported", "treaty-1961")]


def test_a_clause_timed_by_another_event_is_background() -> None:
    from tumen.check.sentences import background

    out = background("Two days before Japanese destroyers struck at Port Arthur, Kurino "
                     "broke off relations.")
    assert " ".join(out.split()) == ", Kurino broke off relations."


def test_demonyms_and_eras_are_not_participants(kb: KnowledgeBase) -> None:
    from tumen.check.linking import Linker

    linker = Linker(load_kb())  # the shipped KB, whose actors have demonyms as aliases
    assert linker.link("Japanese troops crossed the Yalu.").actor_groups == []
    assert linker.link("Japan signed the treaty.").actor_groups == [{"JPN"}]
    result = check_text(kb, "Early in the Khrushchev era the treaty was signed in "
                            "1961.").results[0]
    assert result.mentions.person_groups == []
    result = check_text(kb, "Khrushchev signed the treaty in 1961.").results[0]
    assert result.mentions.person_groups == [{"nikita-khrushchev"}]


@pytest.mark.parametrize(("text", "participant"), [
    ("Under Stalin the Soviet Union signed a trade agreement.", False),  # a reign, a time
    ("In Khrushchev's first years the aid grew.", False),
    ("Soon after Gorbachev came to power, the deliveries began.", False),
    ("Under Gorbachev's market reforms, trade moved to hard currency.", False),
    ("The talks went on under Stalin's direction.", True),  # mid-clause: not a reign
    ("Gorbachev met Roh Tae-woo in San Francisco.", True),
])
def test_a_leader_who_only_dates_the_claim_is_no_participant(text: str,
                                                             participant: bool) -> None:
    from tumen.check.linking import Linker

    people = Linker(load_kb()).link(text).person_groups
    assert bool(people) is participant


@pytest.mark.parametrize(("claim", "account", "clash"), [
    ("Russian border guards detained a North Korean crab boat.",
     "North Korean border guards detain a Russian crab boat.", True),
    ("Russian firms were to open accounts in North Korean banks.",
     "North Korean firms were to open accounts in Russian banks.", True),
    ("The Korean delegation met Soviet officials.",
     "The North Korean delegation met Soviet officials.", False),  # Korean fits North Korean
    ("Kurino gave the Russian foreign minister notes.",
     "Japanese minister Kurino presents Lamsdorf with notes.", False),  # both sides have them
])
def test_roles_swapped_between_nationalities(claim: str, account: str, clash: bool) -> None:
    from tumen.check.verdict import _role_clashes

    assert bool(_role_clashes(claim, account)) is clash


def test_a_date_the_events_own_summary_states_is_no_clash() -> None:
    from tumen.check.verdict import _told_dates

    shipped = load_kb()
    event = shipped.event("consular-departments-1989")  # dated December 1989
    assert any(a.year == 1990 and a.month == 3 for a, _ in _told_dates(event))
    (r,) = check_text(shipped, "On 2 March 1990 South Korea's first consular chief reached "
                               "Moscow.").results
    assert r.verdict.label != "contradicted"
    # a day without a year is read in the event's own year ("by telegram on 14 May")
    days = _told_dates(shipped.event("stalin-approves-attack-1950"))
    assert any((a.year, a.month, a.day) == (1950, 5, 14) for a, _ in days)


def test_a_place_beside_the_main_act_that_the_account_names_is_no_clash() -> None:
    shipped = load_kb()
    (r,) = check_text(shipped, "In November 2014 Kim Jong Un's special envoy Choe Ryong Hae "
                               "met Putin in Moscow on a trip that also took him to "
                               "Vladivostok.").results
    assert r.verdict.label == "supported"
    # the main act set elsewhere is still a clash, though the account names the place
    (r,) = check_text(shipped, "Molotov and Matsuoka signed the Soviet–Japanese neutrality "
                               "pact in Tokyo in April 1941.").results
    assert r.verdict.label == "contradicted" and "place:" in r.verdict.reason


def test_a_recurring_kind_told_in_detail_with_another_year_is_contradicted() -> None:
    shipped = load_kb()
    (r,) = check_text(shipped, "In March 1899 a Russian-backed bank, meant to manage Korean "
                               "state finances with Alekseev, opened in Seoul and stopped work "
                               "a month later.").results
    assert r.verdict.label == "contradicted"
    assert r.verdict.event is not None and r.verdict.event.id == "russo-korean-bank-1898"
    # told loosely, another occasion of a recurring kind stays uncovered
    (r,) = check_text(shipped, "North Korean and Russian officials discussed trade in Moscow "
                               "in May 1987.").results
    assert r.verdict.label == "not covered"


def test_a_dated_clause_and_a_second_main_clause_are_judged_apart() -> None:
    from tumen.check.sentences import claims_in

    sentence = ("Russia opened its legation in Seoul in 1896, and the Korean king later took "
                "refuge there.")
    assert claims_in(sentence) == [
        ("Russia opened its legation in Seoul in 1896", "Russia opened its legation in Seoul "
                                                         "in 1896"),
        ("the Korean king later took refuge there.",
         "In 1896, the Korean king later took refuge there.")]
    (first, second) = check_text(load_kb(), sentence).results
    # the wrong opening date is no longer hidden by the refuge of 1896, which fits the whole
    assert first.verdict.label == "contradicted"
    assert first.verdict.event is not None
    assert first.verdict.event.id == "russian-legation-seoul-1885"
    assert second.text == "the Korean king later took refuge there."


def test_an_undated_generic_sentence_needs_more_than_half_its_words_matched() -> None:
    (r,) = check_text(load_kb(), "Relations between Moscow and Seoul have a long and uneven "
                                 "history.").results
    assert r.verdict.label == "not covered"


# --- Cost on long input: a text with no sentence break is judged in linear time -------------

_RUN_ON = "the Russian legation in Seoul opened in 1885 after the 1884 treaty with Korea, " \
          "as Waeber wrote "


def _run_on(n: int) -> str:
    return (_RUN_ON * (n // len(_RUN_ON) + 1))[:n]


class _Counted:
    """A compiled pattern that adds the length of every string it scans to a counter."""

    def __init__(self, pattern: re.Pattern[str], scanned: list[int]) -> None:
        self._pattern, self._scanned = pattern, scanned

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pattern, name)

    def _count(self, string: str, pos: int = 0, endpos: int | None = None) -> None:
        self._scanned[0] += (len(string) if endpos is None else min(endpos, len(string))) - pos

    def search(self, string: str, *args: int) -> Any:
        self._count(string, *args)
        return self._pattern.search(string, *args)

    def match(self, string: str, *args: int) -> Any:
        self._count(string, *args)
        return self._pattern.match(string, *args)

    def fullmatch(self, string: str, *args: int) -> Any:
        self._count(string, *args)
        return self._pattern.fullmatch(string, *args)

    def finditer(self, string: str, *args: int) -> Any:
        self._count(string, *args)
        return self._pattern.finditer(string, *args)

    def findall(self, string: str, *args: int) -> Any:
        self._count(string, *args)
        return self._pattern.findall(string, *args)

    def sub(self, repl: Any, string: str, count: int = 0) -> Any:
        self._count(string)
        return self._pattern.sub(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> Any:
        self._count(string)
        return self._pattern.split(string, maxsplit)


class _CountedRe:
    """The `re` module as a checker module sees it, counting what its functions scan."""

    def __init__(self, scanned: list[int]) -> None:
        self._scanned = scanned

    def __getattr__(self, name: str) -> Any:
        attr = getattr(re, name)
        if name in ("search", "match", "fullmatch", "finditer", "findall", "sub", "split"):
            def counted(pattern: Any, *args: Any, **kwargs: Any) -> Any:
                string = args[1] if name == "sub" else args[0]
                self._scanned[0] += len(string)
                return attr(pattern, *args, **kwargs)
            return counted
        return attr


def _characters_scanned(monkeypatch: pytest.MonkeyPatch, kb: KnowledgeBase, text: str) -> int:
    """How many characters the checker's regular expressions scan to check `text`: a count of
    operations, not a time, so the test is the same on a slow machine."""
    import tumen.check as package

    scanned = [0]
    with monkeypatch.context() as m:
        for module in [package, *(importlib.import_module(f"tumen.check.{info.name}")
                                  for info in pkgutil.iter_modules(package.__path__))]:
            for name, value in vars(module).items():
                if isinstance(value, re.Pattern):
                    m.setattr(module, name, _Counted(value, scanned))
            if getattr(module, "re", None) is re:
                m.setattr(module, "re", _CountedRe(scanned))
        check_text(kb, text)
    return scanned[0]


def test_a_run_on_text_costs_linear_work(kb: KnowledgeBase,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # Four times the text, about four times the work (a regex over the claim up to each date,
    # as before, made it sixteen).
    small = _characters_scanned(monkeypatch, kb, _run_on(8_000))
    large = _characters_scanned(monkeypatch, kb, _run_on(32_000))
    assert small > 8_000
    assert large / small < 5


def test_an_over_long_sentence_is_judged_in_pieces(kb: KnowledgeBase) -> None:
    text = _run_on(5_000)
    pieces = split_sentences(text)
    assert len(pieces) >= 5 and all(len(p) <= MAX_SENTENCE for p in pieces)
    assert all(p.endswith(",") or p == pieces[-1] for p in pieces)  # cut at a clause break
    assert " ".join(pieces).split() == text.split()  # nothing lost
    assert split_sentences("x" * 2_500) == ["x" * 1_000, "x" * 1_000, "x" * 500]


def test_a_one_megabyte_sentence_gets_verdicts(kb: KnowledgeBase) -> None:
    report = check_text(kb, _run_on(1_000_000))
    assert len(report.results) >= 1_000_000 // MAX_SENTENCE
    assert report.counts()["supported"] > 0
