"""Ranked full-text search over events in English, Russian and Korean (BM25 over weighted fields).

An event's document is its title, its own names, its summary and notes, and the names and
aliases of its actors, people and places in every language, so "Ким Ир Сен" or "김일성" finds
the events linked to Kim Il Sung. Latin and Cyrillic words are stemmed (Snowball); Korean words
are indexed as character bigrams so that particles ("김일성의") do not hide a match.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from tumen.core.text import tokenize

if TYPE_CHECKING:
    from tumen.kb.knowledge_base import KnowledgeBase
    from tumen.kb.model import Event, Named

__all__ = ["SearchIndex", "search_index"]

_K1, _B = 1.2, 0.75
WEIGHTS = {"title": 3.0, "names": 3.0, "linked": 1.5, "summary": 1.0, "notes": 0.5, "tags": 1.0}


class SearchIndex:
    """A BM25 index over the events of one knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._events: tuple[Event, ...] = kb.events
        linked_cache: dict[tuple[str, str], Counter[str]] = {}

        def linked_terms(kind: str, named: Named) -> Counter[str]:
            key = (kind, named.id)
            if key not in linked_cache:
                linked_cache[key] = Counter(tokenize(" ".join(named.all_names())))
            return linked_cache[key]

        postings: dict[str, list[tuple[int, float]]] = {}
        lengths = np.zeros(len(self._events), dtype=np.float64)
        tfs: list[dict[str, float]] = []
        for doc, event in enumerate(self._events):
            tf: dict[str, float] = defaultdict(float)
            fields = {
                "title": event.title,
                "names": " ".join(event.names.values()),
                "summary": event.summary,
                "notes": event.notes,
                "tags": " ".join((event.type, *event.themes)),
            }
            for fname, text in fields.items():
                if text:
                    w = WEIGHTS[fname]
                    for term, n in Counter(tokenize(text)).items():
                        tf[term] += w * n
            for kind, index in (("actor", kb.actors), ("person", kb.people),
                                ("place", kb.places)):
                for ref in getattr(event, {"actor": "actors", "person": "people",
                                           "place": "places"}[kind]):
                    named = index.get(ref)
                    if named is not None:
                        for term, n in linked_terms(kind, named).items():
                            tf[term] += WEIGHTS["linked"] * n
            lengths[doc] = sum(tf.values())
            tfs.append(tf)
        avg = float(lengths.mean()) if len(lengths) else 1.0
        norm = _K1 * (1 - _B + _B * lengths / (avg or 1.0))
        for doc, tf in enumerate(tfs):
            for term, f in tf.items():
                postings.setdefault(term, []).append((doc, f * (_K1 + 1) / (f + norm[doc])))
        n_docs = len(self._events)
        self._postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for term, items in postings.items():
            df = len(items)
            idf = float(np.log(1 + (n_docs - df + 0.5) / (df + 0.5)))
            ids = np.fromiter((d for d, _ in items), dtype=np.int32, count=df)
            weights = np.fromiter((w for _, w in items), dtype=np.float32, count=df) * idf
            self._postings[term] = (ids, weights)

    def scores(self, query: str) -> np.ndarray | None:
        """A score per event (in KB order), or None if no query term is in the index."""
        terms = [t for t in dict.fromkeys(tokenize(query)) if t in self._postings]
        if not terms:
            return None
        scores = np.zeros(len(self._events), dtype=np.float32)
        for term in terms:
            ids, weights = self._postings[term]
            scores[ids] += weights
        # Reward events that match every term of the query.
        if len(terms) > 1:
            hits = np.zeros(len(self._events), dtype=np.int16)
            for term in terms:
                hits[self._postings[term][0]] += 1
            scores *= 0.5 + 0.5 * (hits / len(terms))
        return scores

    def search(
        self, query: str, limit: int | None = 20, allowed: Iterable[int] | None = None
    ) -> list[tuple[Event, float]]:
        """Events ranked by relevance to `query`, best first; `allowed` restricts to positions."""
        scores = self.scores(query)
        if scores is None:
            return []
        if allowed is not None:
            mask = np.zeros(len(scores), dtype=bool)
            mask[np.fromiter(allowed, dtype=np.int64)] = True
            scores = np.where(mask, scores, 0)
        hits = np.flatnonzero(scores > 0)
        if limit is not None and len(hits) > limit:
            top = np.argpartition(-scores[hits], limit - 1)[:limit]
            hits = hits[top]
        order = sorted(hits.tolist(), key=lambda i: (-float(scores[i]), self._events[i].sort_key))
        return [(self._events[i], float(scores[i])) for i in order]


def search_index(kb: KnowledgeBase) -> SearchIndex:
    """The ranked full-text index of `kb`, built on first use and kept with it."""
    return kb.derived("search_index", lambda: SearchIndex(kb))
