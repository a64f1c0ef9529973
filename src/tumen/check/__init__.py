"""The claim checker: an article's sentences judged against the knowledge base, with evidence.

Stages, each its own module: `source` (file, stdin or URL to text), `sentences` (sentences and
checkable claims), `timex` (time expressions to intervals), `linking` (actors, people, places),
retrieval (the KB's search index, dates stripped from the query), `verdict` (slot by slot).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tumen.check.linking import Linker, Mentions
from tumen.check.sentences import background, claims_in
from tumen.check.timex import TimeExpression, extract_times, strip_times
from tumen.check.verdict import Candidate, Verdict, content_terms, event_terms, judge
from tumen.kb.knowledge_base import KnowledgeBase
from tumen.query.search import search_index

__all__ = ["CheckReport", "Checker", "ClaimResult", "check_text"]

LABELS = ("supported", "contradicted", "not covered", "no claim")


@dataclass
class ClaimResult:
    text: str
    verdict: Verdict
    times: list[TimeExpression] = field(default_factory=list)
    mentions: Mentions = field(default_factory=Mentions)
    candidates: list[Candidate] = field(default_factory=list)


@dataclass
class CheckReport:
    results: list[ClaimResult]

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(LABELS, 0)
        for r in self.results:
            out[r.verdict.label] += 1
        return out


class Checker:
    """Holds the per-KB state (linker, cached event terms) so many texts check fast."""

    def __init__(self, kb: KnowledgeBase, today: date | None = None) -> None:
        self.kb = kb
        self.today = today
        self.linker = Linker(kb)
        self._terms: dict[str, set[str]] = {}

    def terms(self, event_id: str) -> set[str]:
        if event_id not in self._terms:
            self._terms[event_id] = event_terms(self.kb, self.kb.event(event_id))
        return self._terms[event_id]

    def candidates(self, claim: str, times: list[TimeExpression], k: int = 5) -> list[Candidate]:
        query = strip_times(claim, times)
        wanted = content_terms(query)
        if not wanted:
            return []
        claim_terms = content_terms(claim)
        out = []
        for event, score in search_index(self.kb).search(query, limit=k):
            coverage = len(wanted & self.terms(event.id)) / len(wanted)
            title = content_terms(event.title)
            title_coverage = len(title & claim_terms) / len(title) if title else 0.0
            out.append(Candidate(event, coverage, score, title_coverage))
        return out

    def check_claim(self, claim: str, judged: str | None = None) -> ClaimResult:
        """The verdict on `claim`, judged by `judged` when given (the claim with the time
        frame of the sentence it was split from)."""
        shown, claim = claim, judged or claim
        times = extract_times(claim, self.kb, self.today)
        mentions = self.linker.link(claim)
        if not times and not mentions:
            return ClaimResult(shown, Verdict("no claim", "nothing datable or linkable"))
        candidates = self.candidates(claim, times)
        asserted = background(claim)  # slots are compared on what the sentence asserts
        if asserted != claim:
            times = [t for t in times if asserted[t.position:t.position + len(t.text)].strip()]
            mentions = self.linker.link(asserted)
        verdict = judge(self.kb, asserted, candidates, mentions, times)
        return ClaimResult(shown, verdict, times, mentions, candidates)

    def check(self, text: str) -> CheckReport:
        return CheckReport([self.check_claim(c, judged) for c, judged in claims_in(text)])


def check_text(kb: KnowledgeBase, text: str, today: date | None = None) -> CheckReport:
    """Check every sentence of `text` against `kb`."""
    return Checker(kb, today).check(text)
