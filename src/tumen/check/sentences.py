"""Sentences (syntok, which splits historical prose well) and the checkable claims in them."""

from __future__ import annotations

import re

import syntok.segmenter as segmenter

__all__ = ["split_claims", "split_sentences"]

_CONJUNCTION = re.compile(r";\s+|,?\s+and\s+(?=(?:in|on|by|during|after|before|later|then|"
                          r"from|since)\b[^,;]*\b(?:1[6-9]\d\d|20\d\d)\b)")


def split_sentences(text: str) -> list[str]:
    out = []
    for paragraph in segmenter.process(text):
        for sentence in paragraph:
            s = "".join(t.spacing + t.value for t in sentence).strip()
            if s:
                out.append(s)
    return out


def split_claims(text: str) -> list[str]:
    """Sentences, with conjoined clauses split where each carries its own date."""
    claims: list[str] = []
    for sentence in split_sentences(text):
        parts = [p.strip(" ,") for p in _CONJUNCTION.split(sentence) if p and p.strip(" ,")]
        dated = [p for p in parts if re.search(r"\b(1[6-9]\d\d|20\d\d)\b", p)]
        claims.extend(parts if len(parts) > 1 and len(dated) == len(parts) else [sentence])
    return claims
