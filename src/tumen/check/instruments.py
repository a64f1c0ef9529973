"""Names of instruments, meetings, bodies and named places in prose ("the Treaty of Aigun",
"the Tehran conference", "the 1540 Committee", "Resolution 84", "Changdeok Palace"), so a
claim that puts one name on an event the knowledge base tells under another can be caught.

A name is kept as its kind (instrument, meeting, committee, resolution) and its core: the
proper words and numbers that set it apart ("aigun", "tehran", "1540"); the generic words
("Soviet", "Joint", "Treaty") say nothing about which one it is."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tumen.core.text import tokenize

__all__ = ["Name", "kinds_in", "name_clashes", "names_in"]

_KINDS = {
    "instrument": ("treaty", "treaties", "convention", "protocol", "agreement", "accord",
                   "pact", "memorandum", "declaration", "communiqué", "communique", "charter",
                   "regulations", "rules", "order"),
    "meeting": ("conference", "summit", "forum", "congress", "commission", "session"),
    "committee": ("committee",),
    "resolution": ("resolution",),
    # named places of a kind: "Changdeok Palace" where the account has Gyeongun Palace
    "island": ("island",),
    "palace": ("palace",),
    "resort": ("resort",),
    "plant": ("plant", "power station", "dam"),
    "cosmodrome": ("cosmodrome", "spaceport"),
}
_KIND_OF = {head: kind for kind, heads in _KINDS.items() for head in heads}
_HEADS = "|".join(sorted(_KIND_OF, key=len, reverse=True))

# Words of a name that do not tell one from another.
_GENERIC = set(tokenize(
    "the a an soviet russian korean north south japanese chinese american british joint new "
    "first second third basic secret supplementary additional treaty convention protocol "
    "agreement accord pact memorandum declaration communiqué charter conference summit forum "
    "congress commission session committee resolution un security council general "
    "intergovernmental bilateral trilateral peace friendship-treaty russo sino soviet-north "
    "russian-north korean-russian russia-north moscow's seoul's island palace resort plant "
    "hydroelectric power station dam ski cosmodrome spaceport"))

# "the Tehran conference", "the 1987 INF Treaty", "the Komura–Waeber memorandum".
_BEFORE_HEAD = re.compile(r"((?:(?:[A-Z][\w’'.-]*|\d{1,4})(?:[–-][A-Z][\w’'-]*)?\s+){1,5})"
                          rf"((?i:{_HEADS}))\b")
# "the Treaty of Aigun", "the Treaty of Friendship and Commerce".
_HEAD_OF = re.compile(rf"\b((?i:{_HEADS}))\s+(?:of|on)\s+((?:[A-Z][\w’'-]*(?:,?\s+(?:and\s+)?)?)+)")
# "the Masikryong ski resort", "the Bureya hydroelectric plant": a named place of a kind.
_PLACE_KINDS = ("island", "palace", "resort", "plant", "cosmodrome")
_PLACE = re.compile(r"((?:[A-Z][\w’'.-]*(?:[–-][A-Z][\w’'-]*)?\s+){1,3})(?:[a-z-]+\s+){1,2}"
                    r"((?i:" + "|".join(h for k in _PLACE_KINDS for h in _KINDS[k]) + r"))\b")
_NUMBERED = re.compile(r"\b(resolution|committee)\s+(?:no\.\s*)?(\d+)\b", re.I)


# "after the Vostochny summit": a name that dates the claim, not its subject.
_ANCHOR = re.compile(r"\b(?:after|before|since|following|until|ahead of|by the time of)\s+"
                     r"(?:the\s+)?$", re.I)


@dataclass(frozen=True)
class Name:
    kind: str
    core: frozenset[str]
    text: str


def _core(words: str, numbers: bool) -> frozenset[str]:
    out = set()
    for w in re.findall(r"[\w’'-]+", words):
        if w[:1].isdigit():
            if numbers or not re.fullmatch(r"1[6-9]\d\d|20\d\d", w):
                out.add(w)  # "1540", "84"; a year ("the 1961 treaty") names no instrument
        elif w[:1].isupper():
            out.update(t for t in tokenize(w) if t not in _GENERIC)
    return frozenset(out)


def _tidy(name: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", name.strip(" ,;:"), flags=re.I)


def names_in(text: str) -> list[Name]:
    """The named instruments, meetings, committees and resolutions of a text."""
    out: list[Name] = []
    for m in _BEFORE_HEAD.finditer(text):
        if _ANCHOR.search(text, max(0, m.start() - 60), m.start()):
            continue
        kind = _KIND_OF[m.group(2).casefold()]
        modifiers = m.group(1)
        start = m.start(1)
        lead = text[max(0, start - 80):start].rstrip()
        if start == 0 or lead.endswith((".", "!", "?", ":", ";")):
            modifiers = " ".join(modifiers.split()[1:])  # a sentence's first word: any case
        core = _core(modifiers, numbers=kind in ("committee", "resolution"))
        if core:
            out.append(Name(kind, core, _tidy(m.group(0))))
    for m in _HEAD_OF.finditer(text):
        if not m.group(1)[:1].isupper() or _ANCHOR.search(text, max(0, m.start() - 60), m.start()):
            continue  # "an agreement on Korea" is no name
        core = _core(m.group(2), numbers=False)
        if core:
            out.append(Name(_KIND_OF[m.group(1).casefold()], core, _tidy(m.group(0))))
    for m in _PLACE.finditer(text):
        if _ANCHOR.search(text, max(0, m.start() - 60), m.start()) or m.start() == 0:
            continue
        core = _core(m.group(1), numbers=False)
        if core:
            out.append(Name(_KIND_OF[m.group(2).casefold()], core, _tidy(m.group(0))))
    for m in _NUMBERED.finditer(text):
        out.append(Name(_KIND_OF[m.group(1).casefold()], frozenset({m.group(2)}),
                        m.group(0)))
    return out


def kinds_in(text: str) -> set[str]:
    """The kinds of thing a text names at all ("treaty", "the conference": instrument,
    meeting)."""
    return {_KIND_OF[m.group(1).casefold()]
            for m in re.finditer(rf"\b({_HEADS})\b", text, re.I)}


def name_clashes(claim: str, account: str) -> list[str]:
    """Names the claim gives to what the account tells under another name of the same kind:
    the claim's "Treaty of Shimonoseki" where the account has a treaty but never names
    Shimonoseki."""
    terms = set(tokenize(account)) | set(re.findall(r"\d+", account))
    kinds = kinds_in(account)
    out = []
    for n in names_in(claim):
        if n.kind in kinds and not n.core <= terms:
            own = sorted({o.text for o in names_in(account) if o.kind == n.kind})
            told = f"; it names {', '.join(own)}" if own else ""
            out.append(f"the claim names {n.text}; the KB's account of this event does not"
                       f"{told}")
    return out
