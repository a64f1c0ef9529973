"""Who does what: the party each clause of a text gives its act to, so a claim that gives an
act to the other side ("Russia supplied North Korea with missiles" where the knowledge base
has North Korea supplying Russia) can be told from one that agrees.

No parser is shipped for this, so the rules are plain and cautious. A text is cut into clauses
at punctuation and at words that open a clause of their own ("while", "who", "said", "and
Japan ..."). A clause's agent is the party it opens with, once words of time, place and
framing are passed ("In March 2024 China vetoed", "it was Moscow that"); a clause opened by
"who" or "that" right after a name takes that name ("Kim Dae-jung who pitched"); a clause that
opens with a verb after a comma or "and" keeps the subject before it; a passive clause's agent
is the party after "by", or none. A clause's main act is the verb after its subject. A claim
clause and the account's clause with the same main act (or, when the claim's has none, the one
that shares most of its words and a verb) disagree when their agents are two different parties
that both texts name; what other clauses agree on counts only if it is about those parties.
An account's absentees ("without Russia", "the Soviet Union is absent") cannot be the claim's
actors in the same act."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from tumen.core.text import MONTH_NAMES, tokenize
from tumen.kb.knowledge_base import KnowledgeBase

__all__ = ["Clause", "Party", "absent_actors", "absentees", "clauses", "role_swaps",
           "same_party"]

#: A party: ("actor", the ids a name may mean) or ("person", ids).
Party = tuple[str, frozenset[str]]

# Words for a state's people or government, and the English name of the state.
_DEMONYMS = {"russian": "russia", "russians": "russia", "soviet": "soviet union",
             "soviets": "soviet union", "north korean": "north korea",
             "north koreans": "north korea", "south korean": "south korea",
             "south koreans": "south korea", "korean": "korea", "koreans": "korea",
             "japanese": "japan", "chinese": "china", "american": "united states",
             "americans": "united states", "british": "united kingdom",
             "ukrainian": "ukraine", "ukrainians": "ukraine"}
# Capitals that stand for their governments ("Tokyo protested").
_CAPITALS = {"moscow": "russia", "kremlin": "russia", "st petersburg": "russia",
             "petrograd": "russia", "pyongyang": "north korea", "seoul": "korea",
             "tokyo": "japan", "beijing": "china", "peking": "china",
             "washington": "united states", "london": "united kingdom", "kyiv": "ukraine",
             "kiev": "ukraine"}
# Nouns after a capital that make it part of a name or a place: "the Moscow conference".
_NAMING_NOUNS = {"conference", "meeting", "talks", "summit", "declaration", "agreement",
                 "treaty", "protocol", "communiqué", "communique", "office", "embassy",
                 "legation", "station", "airport", "port", "region", "area", "route", "line",
                 "railway", "road", "time", "government's", "visit", "trip", "forum", "games",
                 "olympics", "university", "court", "palace", "gate", "district", "province",
                 "bureau", "mission", "consulate", "plan", "accord", "pact", "tour"}

_PREPOSITIONS = {"in", "at", "on", "by", "from", "to", "of", "for", "with", "during", "after",
                 "before", "since", "until", "under", "within", "across", "over", "near",
                 "around", "about", "into", "onto", "toward", "towards", "through", "via",
                 "against", "between", "among", "beside", "besides", "without", "upon",
                 "behind", "beyond", "despite", "like", "unlike", "than", "as", "following",
                 "answering"}
# Words that leave a preposition governing what follows ("from the Japanese minister").
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "this", "that", "these",
                "those", "then", "both", "all", "new"}
# Titles and words that may stand before a name ("Foreign Minister Nishi").
_TITLES = {"minister", "foreign", "ambassador", "envoy", "president", "premier", "general",
           "marshal", "leader", "chairman", "emperor", "king", "tsar", "prime", "deputy",
           "defence", "defense", "secretary", "consul", "consul-general", "admiral", "colonel",
           "captain", "lieutenant", "comrade", "acting", "former", "speaker", "baron", "count",
           "prince", "queen", "dictator", "north", "south", "governor", "governor-general",
           "commander", "special", "senior", "chief", "vice"}
# Words of time and framing that may open a clause before its subject.
_OPENING = {"was", "were", "is", "early", "late", "mid", "middle", "end", "beginning",
            "start", "spring", "summer", "autumn", "fall", "winter", "year", "years", "month",
            "months", "day", "days", "week", "weeks", "later", "earlier", "soon", "also",
            "even", "first", "again", "once", "only", "still", "not", "just", "and", "or",
            "so", "yet", "thus", "meanwhile", "eventually", "finally", "already", "instead",
            "that", "when", "s", "very", "same", "century", "decade", "following", "previous",
            "next", "last", "this", "few", "some", "two", "three", "several", "nearly",
            "almost", "about", "around", "by", "time"}
_HANDOVER = timedelta(days=3 * 365)
_PRONOUNS = {"it", "they", "he", "she", "we", "neither", "each", "both", "either", "none"}
_MONTHS = {m.casefold() for m in MONTH_NAMES}
_DONE_BY = re.compile(r"\b(?:\w+(?:ed|en|wn)|run|made|held|led|sent|built|paid|set|put|kept|"
                      r"won|shot|hit|told|sold|brought|bought|caught|fought|taught|struck)"
                      r"(?:\s+(?:up|out|off|down|over|back))?\s+by\s+(?:the\s+)?(?:\w+\s+)?$")
_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being|be)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|"
                      r"ught|ld|ot|nt|un|ung|ade)\b", re.I)
# Where a clause ends: punctuation, or a word that opens a clause of its own. "and" ends one
# only before a capital ("and Japan to leave ..."), "that" is kept as a clause's opener.
_BREAK = re.compile(r"[;:!?()]|,(?=\s)|\s[–—]\s|\.(?=\s+[A-Z]|\s*$)|"
                    r"\b((?i:while|whereas|but|although|though|which|who|whom|whose|that|when|where|because|said|says|reported|reports|"
                    r"according to|so|in exchange for|in return for|provided|on condition)|"
                    r"and(?=\s+(?:the\s+)?[A-Z]))\b")
# Words of a clause that say nothing about who did what.
_FILLER = set(tokenize(" ".join(_PREPOSITIONS | _DETERMINERS | _OPENING | _MONTHS) + (
    " and or it its he she they them his her him was were is are be been being had has have "
    "do did does not no which who whom whose what where while but more most less any each "
    "other such would could should will shall may might must can said says say one")))
#: How many words a claim clause must share with an account clause to be compared with it.
MIN_SHARED = 2


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    party: Party
    possessive: bool


@dataclass(frozen=True)
class Clause:
    text: str
    agent: frozenset[Party]
    words: frozenset[str]
    acts: frozenset[str]
    main: str = ""  # the verb right after the subject ("sent" of "Stalin sent Truman ...")
    who: str = ""  # the agents as the text names them ("Moscow")


_FOLLOWING = re.compile(r"\s+([\w’'-]+)")


class _Names:
    """The parties the knowledge base can name, found in a text with their positions."""

    def __init__(self, kb: KnowledgeBase) -> None:
        table: dict[str, set[tuple[str, str]]] = {}
        surnames: dict[str, set[str]] = {}
        for actor in kb.actors.values():
            for name in actor.all_names():
                if name.isascii() and (len(name) > 2 or name.isupper()):
                    table.setdefault(name.casefold(), set()).add(("actor", actor.id))
        for person in kb.people.values():
            for name in person.all_names():
                if name.isascii() and len(name) > 3:
                    table.setdefault(name.casefold(), set()).add(("person", person.id))
            surname = person.surname
            if surname and len(surname) > 2:
                surnames.setdefault(surname.casefold(), set()).add(person.id)
        for surname, ids in surnames.items():
            if len(ids) == 1:  # a bare "Kim" could be any of several
                table.setdefault(surname, set()).add(("person", next(iter(ids))))
        for word, country in (*_DEMONYMS.items(), *_CAPITALS.items()):
            states = {("actor", i) for kind, i in table.get(country, set()) if kind == "actor"}
            if states:
                table.setdefault(word, set()).update(states)
        self.table = table
        alternatives = sorted(table, key=len, reverse=True)
        self.pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in alternatives)
                                  + r")(['’]s)?(?![\w-])", re.I)

    @lru_cache(maxsize=4096)  # noqa: B019 - one instance per knowledge base, kept for its life
    def mentions(self, text: str) -> tuple[_Mention, ...]:
        out = []
        for m in self.pattern.finditer(text):
            name = m.group(1)
            if not name[:1].isupper():
                continue  # names are capitalised; "us" is not the US
            meanings = self.table[name.casefold()]
            after = _FOLLOWING.match(text, m.end())  # from m.end(), not a copy of the rest
            if after and not m.group(2) and all(kind == "actor" for kind, _ in meanings):
                following = after.group(1)
                named = self.pattern.match(text, after.start(1))
                title = following.casefold() in _TITLES and name.casefold() in _DEMONYMS
                if following[:1].isupper() and not named and not title:
                    continue  # part of a longer name: "the Moscow Declaration"
                if name.casefold() in _CAPITALS and following.casefold() in _NAMING_NOUNS:
                    continue  # "the Moscow conference": a place in a name
            people = frozenset(i for kind, i in meanings if kind == "person")
            actors = frozenset(i for kind, i in meanings if kind == "actor")
            party: Party = ("person", people) if people else ("actor", actors)
            out.append(_Mention(m.start(), m.end(), party, bool(m.group(2))))
        return tuple(out)


@lru_cache(maxsize=4)
def _names(kb: KnowledgeBase) -> _Names:
    return _Names(kb)


def _spans(text: str) -> list[tuple[int, int, str]]:
    """Each clause's span and the word that opened it ("" for the first, "," for a comma)."""
    spans: list[tuple[int, int, str]] = []
    start, opener = 0, ""
    for m in _BREAK.finditer(text):
        spans.append((start, m.start(), opener))
        start, opener = m.end(), (m.group(1) or m.group(0)).strip().casefold()
        if opener in (".", ";", ":", "!", "?"):
            opener = ""  # a new sentence or a new main clause
    spans.append((start, len(text), opener))
    return [(a, b, o) for a, b, o in spans if re.search(r"\w", text[a:b])]


def _joined(spans: list[tuple[int, int, str]], mentions: Sequence[_Mention],
            text: str) -> list[tuple[int, int, str]]:
    """Clauses rejoined where a comma only separates names ("the Soviet, American and
    British ministers")."""
    out: list[tuple[int, int, str]] = []
    for a, b, opener in spans:
        if out and opener == ",":
            pa, pb, po = out[-1]
            ends = any(re.fullmatch(r"\s*", text[m.end:pb]) for m in mentions
                       if pa <= m.start and m.end <= pb)
            starts = any(re.fullmatch(r"\s*(?:and\s+)?", text[a:m.start]) for m in mentions
                         if a <= m.start < b)
            if ends and starts:
                out[-1] = (pa, b, po)
                continue
        out.append((a, b, opener))
    return out


def _subject(text: str, a: int, b: int, inside: list[_Mention]) -> tuple[set[Party], int]:
    """The party a clause opens with, after words of time, place and framing, with any
    joined to it ("Moscow and Beijing"); a possessive or a people's name gives way to a name
    in its phrase ("Kim Jong Un's special envoy Choe Ryong Hae", "Russian President Putin")."""
    governed = False  # a preposition governs what follows
    for m in re.finditer(r"[\w’'-]+", text[a:b]):
        at = a + m.start()
        if any(x.start < at < x.end for x in inside):
            continue  # inside a name already passed
        hit = next((x for x in inside if x.start == at), None)
        word = m.group(0).casefold()
        if word == "it" and re.match(r"\s+(?:was|is)\b", text[at + 2:b]):
            continue  # "it was Moscow that ...": the name comes next
        if word in _PRONOUNS:
            return set(), a  # "it had stopped": someone named elsewhere
        if hit is not None:
            if governed:
                governed = False
                continue  # "in Moscow", "from the Japanese minister": not the subject
            first = hit
            if hit.possessive or text[hit.start:hit.end].casefold() in _DEMONYMS:
                later = [x for x in inside if x.start > hit.end and
                         re.fullmatch(r"[\s\w-]*", text[hit.end:x.start])
                         and len(text[hit.end:x.start].split()) <= 3
                         and all(w.casefold() in _TITLES | _DETERMINERS or w[:1].isupper()
                                 for w in text[hit.end:x.start].split())]
                if later:
                    first = later[0]
            out = {first.party}
            end = first.end
            for other in sorted(inside, key=lambda x: x.start):
                if other.start >= end and re.fullmatch(r"\s*(?:,\s*|[–-])?(?:and\s+)?(?:the\s+)?",
                                                       text[end:other.start]):
                    out.add(other.party)
                    end = other.end
            return out, end
        if word in _PREPOSITIONS:
            governed = True
        elif word in _DETERMINERS or word in _TITLES:
            pass  # "in the", "by then a": the preposition still governs
        elif word in _OPENING or word in _MONTHS or re.fullmatch(r"\d+\w*", word):
            governed = False
        elif m.group(0)[:1].isupper() or governed:
            governed = False  # what the preposition governs: "At Panmunjom", "at the summit"
        else:
            return set(), a
    return set(), a


def _verb_like(word: str) -> bool:
    w = word.casefold()
    return w in _IRREGULAR or (len(w) > 4 and w.endswith(("ed", "ing"))) or (
        len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")))


def _starts_with_verb(clause: str) -> bool:
    words = [w for w in re.findall(r"[\w’'-]+", clause)
             if w.casefold() not in ("and", "then", "also", "later", "soon", "duly")]
    return bool(words) and words[0][:1].islower() and _verb_like(words[0]) and \
        words[0].casefold() not in _PREPOSITIONS | _DETERMINERS | _OPENING | _MONTHS


_AUXILIARY = {"to", "would", "will", "could", "should", "may", "might", "must", "did", "does",
              "do", "not", "cannot", "shall", "can", "was", "were", "is", "are", "been"}


_ADVERBS = {"later", "also", "then", "first", "soon", "again", "finally", "eventually",
            "quickly", "secretly", "formally", "officially", "duly", "only", "still", "even",
            "at", "once"}


def _main_act(blank: str, subject_end: int) -> str:
    """The stem of the verb right after a clause's subject, past adverbs and auxiliaries
    ("Stalin later sent" -> "send", "Moscow had agreed" -> "agre")."""
    for m in re.finditer(r"[A-Za-z’'-]+", blank[subject_end:]):
        word = m.group(0).casefold()
        if word in _ADVERBS or word in _AUXILIARY or word in ("had", "has", "have"):
            continue
        if not word[:1].isalpha() or m.group(0)[:1].isupper():
            return ""
        stems = [t for t in tokenize(_IRREGULAR.get(word, word)) if t not in _FILLER]
        return stems[0] if stems else ""
    return ""


def _acts(blank: str, subject_end: int, demonym: bool) -> frozenset[str]:
    """The words of a clause that are likely its verbs: past and -ing forms, the word after
    its subject ("China hosts"; the second after a people's name: "Russian troops entered"),
    after "to", an auxiliary or a modal ("agreed to settle")."""
    out = []
    previous = ""
    after = 0  # words seen after the subject
    for m in re.finditer(r"[A-Za-z’'-]+", blank):
        word = m.group(0)
        if m.start() >= subject_end > 0:
            after += 1
        first = after in ((1, 2) if demonym else (1,))
        if word[:1].islower() and (first or previous in _AUXILIARY or (
                _verb_like(word) and not word.endswith("s"))):
            out.append(_IRREGULAR.get(word.casefold(), word))
        previous = word.casefold()
    return frozenset(w for w in tokenize(" ".join(out)) if w not in _FILLER)


# Past forms a stemmer leaves apart from their verb ("gave" and "gives").
_IRREGULAR = {"gave": "give", "given": "give", "took": "take", "taken": "take", "sent": "send",
              "made": "make", "held": "hold", "led": "lead", "met": "meet", "told": "tell",
              "sold": "sell", "paid": "pay", "won": "win", "brought": "bring", "began": "begin",
              "begun": "begin", "broke": "break", "broken": "break", "came": "come",
              "went": "go", "gone": "go", "left": "leave", "kept": "keep", "built": "build",
              "bought": "buy", "caught": "catch", "fought": "fight", "struck": "strike",
              "wrote": "write", "written": "write", "spoke": "speak", "spoken": "speak",
              "sought": "seek", "stood": "stand", "drew": "draw", "drawn": "draw",
              "flew": "fly", "flown": "fly", "rose": "rise", "fell": "fall", "threw": "throw",
              "shot": "shoot", "swore": "swear", "undertook": "undertake", "withdrew":
              "withdraw", "withdrawn": "withdraw", "forbade": "forbid", "sank": "sink",
              "sunk": "sink", "lent": "lend", "spent": "spend", "found": "find",
              "chose": "choose", "chosen": "choose", "froze": "freeze", "frozen": "freeze"}


def _blanked(text: str, a: int, b: int, inside: list[_Mention]) -> str:
    """A clause with its names blanked out, positions kept."""
    chars = list(text[a:b])
    for m in inside:
        for i in range(m.start - a, min(m.end - a, len(chars))):
            chars[i] = " "
    return "".join(chars)


def _words(blank: str) -> frozenset[str]:
    """A clause's content words (its names blanked out), irregular past forms as their verb."""
    plain = re.sub(r"[A-Za-z]+", lambda w: _IRREGULAR.get(w.group(0).casefold(), w.group(0)),
                   blank)
    return frozenset(w for w in tokenize(plain) if w not in _FILLER and not w.isdigit())


@lru_cache(maxsize=4096)
def clauses(kb: KnowledgeBase, text: str) -> tuple[Clause, ...]:
    """A text's clauses, each with its agents and its content words."""
    mentions = _names(kb).mentions(text)
    out: list[Clause] = []
    before: list[_Mention] = []  # the names of the clause before
    held: set[Party] = set()  # "Stalin and" waiting for its verb
    for a, b, opener in _joined(_spans(text), mentions, text):
        inside = [m for m in mentions if a <= m.start < b]
        clause = text[a:b]
        blank = _blanked(text, a, b, inside)
        words = _words(blank)
        agent, subject_end = _subject(text, a, b, inside)
        demonym = any(m.end == subject_end and text[m.start:m.end].casefold() in _DEMONYMS
                      for m in inside)
        acts = _acts(blank, subject_end - a, demonym)
        # "escorted by Japanese soldiers", "camps run by North Korea": the doer after "by"
        doers = {m.party for m in inside if _DONE_BY.search(text[a:m.start])}
        pronoun = re.match(r"\s*(?:that\s+)?(?:it|they|he|she|we)\b", clause, re.I)
        if _PASSIVE.search(clause) or (doers and not agent and not pronoun):
            agent = doers  # the subject of a passive clause is acted upon
        elif not agent and opener in ("who", "that", "which") and before and \
                _starts_with_verb(clause) and \
                re.fullmatch(r"(?:\s+[a-z-]+){0,2}[\s,]*", text[before[-1].end:a - len(opener)]):
            agent = {before[-1].party}  # "it was Kim Dae-jung who pitched ..."
        elif not agent and opener in ("", ",", "and") and out and _starts_with_verb(clause):
            agent = set(out[-1].agent)  # "..., and prepares to leave": the same subject
        if re.match(r"\s*(?:its|his|her|their)\b", clause):
            # "its Soviet seat empty": an aside; the subject before it still holds
            out.append(Clause(clause, frozenset(), words, acts))
            before = inside
            continue
        if held and (opener == "and" or (not agent and _starts_with_verb(clause))):
            agent |= held
        held = set()
        before = inside
        if agent and not words and opener in ("", ",", "and"):
            held = agent  # a subject alone, joined to the next ("Stalin and Mao agreed")
            continue
        possessive = any(m.end == subject_end and m.possessive for m in inside)
        main = _main_act(blank, subject_end - a) if subject_end > a and not possessive else ""
        named = [re.sub(r"['’]s$", "", text[m.start:m.end]) for m in inside if m.party in agent]
        who = " and ".join(dict.fromkeys(named)) or (out[-1].who if out and agent and
                                                      agent == set(out[-1].agent) else "")
        out.append(Clause(clause, frozenset(agent), words, acts, main, who))
    return tuple(out)


def same_party(kb: KnowledgeBase, p: Party, q: Party) -> bool | None:
    """Whether two parties are one: True, False, or None when they cannot be compared (a
    person and a state)."""
    if p[0] != q[0]:
        return None
    if p[1] & q[1]:
        return True
    if p[0] == "person":
        return False
    # successive states of one side (the Russian Empire and the Soviet Union) are one party
    for x in p[1]:
        for y in q[1]:
            ax, ay = kb.actors.get(x), kb.actors.get(y)
            if ax is None or ay is None or ax.side != ay.side or ax.side == "other":
                continue
            if ax.date is None or ay.date is None:
                return True
            (lx, hx), (ly, hy) = ax.date.sort_key, ay.date.sort_key
            if min(hx, hy) - max(lx, ly) < _HANDOVER:
                return True  # one followed the other (records may overlap by days)
    return False


def role_swaps(kb: KnowledgeBase, claim: str, account: str) -> list[str]:
    """Acts the claim gives to one party and the account to another, both parties named in
    both texts: "the claim has Russia do what the KB has North Korea do (supplied ...)"."""
    said, told = clauses(kb, claim), clauses(kb, account)
    claim_parties = {m.party for m in _names(kb).mentions(claim)}
    kb_parties = {m.party for m in _names(kb).mentions(account)}
    agreeing: list[frozenset[Party]] = []
    disagree: list[tuple[Clause, Clause]] = []
    def comparable(c: Clause, t: Clause) -> bool:
        verdicts = [same_party(kb, p, q) for p in c.agent for q in t.agent]
        return not any(verdicts) and False in verdicts and \
            all(any(same_party(kb, p, q) for q in kb_parties) for p in c.agent) and \
            all(any(same_party(kb, q, p) for p in claim_parties) for q in t.agent)

    for c in said:
        if not c.agent or not c.words:
            continue
        doing = [t for t in told if t.agent and c.main and c.main in t.words
                 and len(c.words & t.words) >= MIN_SHARED]
        if doing:  # who does the clause's own act in the account
            if any(same_party(kb, p, q) for t in doing for p in c.agent for q in t.agent):
                agreeing.append(c.agent)
            else:
                disagree.extend((c, t) for t in doing[:1] if comparable(c, t))
            continue
        ranked = sorted((len(c.words & t.words), i) for i, t in enumerate(told) if t.agent)
        if not ranked or ranked[-1][0] < MIN_SHARED:
            continue
        shared, i = ranked[-1]
        t = told[i]
        if not c.words & t.words & (c.acts | t.acts):
            continue  # the same words, but not the same act
        verdicts = [same_party(kb, p, q) for p in c.agent for q in t.agent]
        # the claim's party does the same in another clause of the account
        also = any(any(same_party(kb, p, q) for p in c.agent for q in u.agent)
                   and len(c.words & u.words) >= shared for u in told)
        if any(verdicts) or also:
            agreeing.append(c.agent)
        elif comparable(c, t):
            disagree.append((c, t))
    if not disagree:
        return []
    c, t = disagree[0]
    # what other clauses agree on counts against it only if it is about the same parties
    involved = c.agent | t.agent
    agree = sum(1 for agent in agreeing
                if any(same_party(kb, p, q) for p in agent for q in involved))
    if len(disagree) <= agree:
        return []
    return [f"the claim has {c.who or _label(kb, c.agent)} do it (“{c.text.strip()}”); the KB "
            f"has {t.who or _label(kb, t.agent)} (“{t.text.strip()}”)"]


def _label(kb: KnowledgeBase, parties: frozenset[Party]) -> str:
    names = []
    for kind, ids in sorted(parties):
        index = kb.people if kind == "person" else kb.actors
        names.append(" or ".join(sorted(index[i].name for i in ids if i in index)))
    return " and ".join(names)


# How an account says a party took no part: "without Russia", "Russia was not among the
# founders", "the Soviet Union is absent", "in the Soviet Union's absence", "left out".
_ABSENT_AFTER = re.compile(r"^(?:['’]s)?\s*(?:,[^,]*,\s*)?(?:was|is|were|are)\s+"
                           r"(?:not\b|absent\b)|^(?:['’]s)?\s+(?:absence|boycott)|^,?\s*left out\b",
                           re.I)
_ABSENT_BEFORE = re.compile(r"\b(?:without|excluding|except|leaving out)\s+(?:the\s+)?$", re.I)
_EMPTY_SEAT = re.compile(r"\s+seat\s+(?:was\s+|is\s+)?empty", re.I)
# A claim that speaks of absence at all asserts nobody's part.
_NEGATION = re.compile(r"\b(?:not|no|never|without|absent|absence|empty|boycott\w*|left out|"
                       r"excluded|refused|declined|instead of|rather than)\b", re.I)


def absentees(kb: KnowledgeBase, account: str) -> dict[Party, frozenset[str]]:
    """The parties an account says took no part, each with the words of the sentence that
    says so."""
    return dict(_absentees(kb, account))


@lru_cache(maxsize=4096)
def _absentees(kb: KnowledgeBase, account: str) -> tuple[tuple[Party, frozenset[str]], ...]:
    out: dict[Party, frozenset[str]] = {}
    for m in _names(kb).mentions(account):
        before, after = account[max(0, m.start - 20):m.start], account[m.end:m.end + 60]
        if _ABSENT_BEFORE.search(before) or _ABSENT_AFTER.search(after) or (
                re.search(r"\bthe\s+$", before, re.I) and _EMPTY_SEAT.match(after)):
            a = account.rfind(". ", 0, m.start) + 1
            b = account.find(". ", m.end)
            sentence = account[a:b if b >= 0 else len(account)]
            words = frozenset(w for w in tokenize(sentence) if w not in _FILLER)
            out[m.party] = out.get(m.party, frozenset()) | words
    return tuple(out.items())


def absent_actors(kb: KnowledgeBase, claim: str, account: str) -> list[str]:
    """Parties the claim has do what the account says they took no part in: "the Soviet
    Union cast the only vote against" where the KB has it absent."""
    if _NEGATION.search(claim):
        return []
    absent = absentees(kb, account)
    for c in clauses(kb, claim):
        for p in c.agent:
            for q, words in absent.items():
                if same_party(kb, p, q) and c.words & words:
                    return [f"the claim has {c.who or _label(kb, frozenset({p}))} take part "
                            f"(“{c.text.strip()}”); the KB says it took no part"]
    return []
