"""Set the verdict thresholds on the dev split only.

Run: `PYTHONPATH=benchmarks/claims .venv/bin/python benchmarks/claims/calibrate.py`.

Grid-searches the support, contradict and title coverage thresholds, the person-mismatch rule
and whether an agreeing date lets a clash stand on the support threshold,
maximising dev accuracy among settings whose precision on `contradicted` is at least 0.9 (a
false alarm costs an editor more than a miss); prints the best settings to copy into
src/tumen/check/verdict.py. The test split is never read.
"""

from __future__ import annotations

import argparse
import itertools

from evaluate import load_claims, scores

from tumen.check import Checker, verdict
from tumen.kb.knowledge_base import load_kb

FLOOR = 0.9


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--splits", default="dev",
                        help="comma-separated splits to calibrate on (never 'test')")
    splits = parser.parse_args().splits.split(",")
    if "test" in splits or "all" in splits:
        parser.error("the test split is only ever evaluated, never calibrated on")
    kb = load_kb()
    checker = Checker(kb)
    rows = [row for split in splits for row in load_claims(split)]
    prepared = []
    for row in rows:
        result = checker.check_claim(row["claim"])
        prepared.append((row, result))
    grid = [x / 100 for x in range(30, 96, 5)]
    best: tuple[tuple[float, float], dict[str, object]] | None = None
    titles = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5]
    for support, contradict, title, person, vouches in itertools.product(
            grid, grid, titles, (True, False), (True, False)):
        verdict.THRESHOLDS.update(support=support, contradict=contradict, title=title)
        verdict.PERSON_MISMATCH = person
        verdict.DATE_VOUCHES = vouches
        preds = []
        for row, result in prepared:
            if result.verdict.label == "no claim":
                preds.append({"label": "not_covered", "event": None})
                continue
            v = verdict.judge(kb, row["claim"], result.candidates, result.mentions,
                              result.times)
            preds.append({"label": v.label.replace(" ", "_"),
                          "event": v.event.id if v.event else None})
        s = scores(rows, preds)
        precision = s["per_class"]["contradicted"]["precision"]
        key = (1.0 if precision >= FLOOR else 0.0, s["accuracy"])
        if best is None or key > best[0]:
            best = (key, {"support": support, "contradict": contradict, "title": title,
                          "person_mismatch": person, "date_vouches": vouches,
                          "accuracy": round(s["accuracy"], 3),
                          "contradicted_precision": round(precision, 3)})
    assert best is not None
    print(best[1])


if __name__ == "__main__":
    main()
