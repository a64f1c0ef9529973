"""Who does what: acts a claim gives to another party than the knowledge base does."""

from __future__ import annotations

import pytest

from tumen import load_kb
from tumen.check import check_text
from tumen.check.agency import clauses, role_swaps, same_party
from tumen.kb.knowledge_base import KnowledgeBase


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def agents(kb: KnowledgeBase, text: str) -> list[set[str]]:
    return [{i for _, ids in c.agent for i in ids} for c in clauses(kb, text)]


@pytest.mark.parametrize(("claim", "account"), [
    # the two sides of one act exchanged
    ("In 2023 Russia shipped artillery shells to North Korea.",
     "North Korea shipped artillery shells to Russia."),
    # a cleft sentence puts the weight on the wrong side
    ("It was Seoul that expelled a Russian diplomat for spying.",
     "Russia expels a South Korean diplomat for spying."),
    # the doer of a passive clause, after "by"
    ("The rally was broken up by the Japanese consul at the request of the Russian governor.",
     "The Russian authorities break up the rally at the Japanese consul's request."),
    # two acts, each given to the other side
    ("Japan agreed to honour the old treaty, while Moscow undertook to leave Sakhalin.",
     "Moscow agrees to honour the old treaty and Japan agrees to leave Sakhalin."),
    # a clause opened by "who" takes the name before it
    ("At the summit it was Yeltsin who proposed the rail link to Kim Young-sam.",
     "At the summit Kim Young-sam proposed the rail link to Yeltsin."),
])
def test_an_act_given_to_the_other_party_is_found(kb: KnowledgeBase, claim: str,
                                                  account: str) -> None:
    (problem,) = role_swaps(kb, claim, account)
    assert problem.startswith("the claim has ")


@pytest.mark.parametrize(("claim", "account"), [
    # the same act told in the passive
    ("A Russian diplomat was expelled by Seoul.", "Seoul expels a Russian diplomat."),
    # a name in a possessive phrase is not the doer
    ("Kim Jong Un's envoy Choe Ryong Hae met Putin in Moscow.",
     "Choe Ryong Hae meets Putin in Moscow."),
    # a place after a preposition is not the subject
    ("In Moscow, Kim Il Sung signed the treaty.", "Kim Il Sung signs the treaty in Moscow."),
    # shared words but different acts: no comparison
    ("Moscow questioned the intercontinental range of the missile.",
     "North Korea announces the launch of an intercontinental missile."),
    # a person and a state are not compared
    ("Stalin agreed to the plan.", "The Soviet Union agreed to the plan."),
    # successive states of one side are one party
    ("The Soviet Union protested against the landing.", "Russia protests against the landing."),
    # joint subjects in either order
    ("Stalin and Mao agreed on the plan.", "Mao and Stalin agreed on the plan."),
    # a party the account does not name is the actor slot's business, not a swap
    ("China vetoed the resolution.", "Russia vetoed the resolution."),
    # a pronoun's referent is unknown, so "it" is nobody
    ("Yeltsin told the South Koreans that it had stopped arming the North.",
     "Yeltsin says Russia has stopped arming North Korea."),
])
def test_agreeing_or_incomparable_accounts_are_no_swap(kb: KnowledgeBase, claim: str,
                                                       account: str) -> None:
    assert role_swaps(kb, claim, account) == []


def test_clauses_name_their_agents(kb: KnowledgeBase) -> None:
    assert agents(kb, "In March 2024 China vetoed the draft, while Russia abstained.") == \
        [{"CHN", "QING", "ROC"}, {"RUS", "RUS-EMPIRE", "RSFSR"}]
    # "the Moscow Declaration" is a name, not Moscow acting
    assert agents(kb, "The Moscow Declaration recorded the freeze.") == [set()]
    # a title and its holder: the Russian president acts
    assert agents(kb, "Russian President Putin visited Pyongyang.") == [{"vladimir-putin"}]


def test_same_party(kb: KnowledgeBase) -> None:
    assert same_party(kb, ("actor", frozenset({"USSR"})), ("actor", frozenset({"RUS"})))
    assert same_party(kb, ("actor", frozenset({"PRK"})), ("actor", frozenset({"ROK"}))) \
        is False
    assert same_party(kb, ("person", frozenset({"joseph-stalin"})),
                      ("actor", frozenset({"USSR"}))) is None


def test_a_swapped_supplier_is_contradicted_end_to_end(kb: KnowledgeBase) -> None:
    report = check_text(kb, "In January 2024 the White House said that Russia had supplied "
                            "North Korea with ballistic missiles and launchers.")
    (r,) = report.results
    assert r.verdict.label == "contradicted"
    assert r.verdict.event is not None
    assert r.verdict.event.id == "ballistic-missiles-ukraine-2024"
    assert "role:" in r.verdict.reason


@pytest.mark.parametrize(("account", "absent"), [
    ("KEDO founded without Russia.", True),
    ("Russia was not among the founders.", True),
    ("The Soviet Union is absent, Yugoslavia votes against.", True),
    ("With the Soviet seat empty, the Council acts.", True),
    ("The Council acts in the Soviet Union's absence.", True),
    ("Russia, left out of the format, kept lobbying.", True),
    ("Russia joins the talks.", False),
    ("Pyongyang refused to sign the test ban treaty.", False),  # no part in that act only
])
def test_absentees(kb: KnowledgeBase, account: str, absent: bool) -> None:
    from tumen.check.agency import absentees

    assert bool(absentees(kb, account)) is absent


def test_a_party_the_account_says_took_no_part_cannot_act(kb: KnowledgeBase) -> None:
    from tumen.check.agency import absent_actors

    account = "The Soviet Union, North Korea's patron, is not a signatory of the armistice."
    assert absent_actors(kb, "The Soviet Union signed the armistice as a signatory.", account)
    # a claim that itself speaks of the absence agrees
    assert absent_actors(kb, "The Soviet Union was not a signatory of the armistice.",
                         account) == []
    # acting in another matter is no clash
    assert absent_actors(kb, "The Soviet Union sent aid to North Korea.", account) == []


def test_the_main_act_decides_and_unrelated_clauses_do_not_outvote_it(kb: KnowledgeBase) -> None:
    account = ("Truman sends Stalin General Order No. 1. Japanese forces north of the parallel "
               "are to surrender to the Soviet command.")
    claim = ("Stalin sent Truman General Order No. 1, under which Japanese forces north of the "
             "parallel would surrender to the Soviet command.")
    (problem,) = role_swaps(kb, claim, account)
    assert "the claim has Stalin do it" in problem and "the KB has Truman" in problem
    # a possessive opens a noun phrase, not an act: "Kim's summit with Putin"
    assert role_swaps(kb, "Kim Jong Un's first summit with Putin took place on Russky Island.",
                      "First Putin–Kim summit on Russky Island.") == []
