"""Evaluate the claim checker on the labelled claims.

Run: `.venv/bin/python benchmarks/claims/evaluate.py [--split dev|test|all]`.

Prints, for a split (default: test): accuracy, macro-F1, per-class precision and recall, the
confusion matrix, strict accuracy (label right and, for supported and contradicted, the cited
event is a gold event), each with a 95% bootstrap interval; retrieval recall@5; time-expression
exact match on timex.tsv; speed (sentences/s) and peak memory.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
from datetime import date
from pathlib import Path
from typing import Any

from tumen.check import Checker
from tumen.check.linking import gazetteer
from tumen.check.timex import extract_times
from tumen.kb.knowledge_base import load_kb
from tumen.query.search import search_index

HERE = Path(__file__).parent
LABELS = ("supported", "contradicted", "not_covered")


def load_claims(split: str | None) -> list[dict[str, Any]]:
    rows = []
    for path in sorted(HERE.glob("claims-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if split in (None, "all", row["split"]):
                    rows.append(row)
    return rows


def predict(checker: Checker, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        result = checker.check_claim(row["claim"])
        label = result.verdict.label.replace(" ", "_")
        if label == "no_claim":
            label = "not_covered"
        event = result.verdict.event.id if result.verdict.event else None
        out.append({"label": label, "event": event,
                    "candidates": [c.event.id for c in result.candidates]})
    return out


def scores(rows: list[dict[str, Any]], preds: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(rows)
    correct = [r["label"] == p["label"] for r, p in zip(rows, preds, strict=True)]
    strict = [c and (r["label"] == "not_covered" or p["event"] in r["gold_events"])
              for c, r, p in zip(correct, rows, preds, strict=True)]
    per: dict[str, dict[str, float]] = {}
    for label in LABELS:
        tp = sum(1 for r, p in zip(rows, preds, strict=True)
                 if r["label"] == label and p["label"] == label)
        fp = sum(1 for r, p in zip(rows, preds, strict=True)
                 if r["label"] != label and p["label"] == label)
        fn = sum(1 for r, p in zip(rows, preds, strict=True)
                 if r["label"] == label and p["label"] != label)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[label] = {"precision": prec, "recall": rec, "f1": f1}
    return {"accuracy": sum(correct) / n, "strict": sum(strict) / n,
            "macro_f1": sum(v["f1"] for v in per.values()) / len(LABELS), "per_class": per}


def bootstrap(rows: list[dict[str, Any]], preds: list[dict[str, Any]], key: str,
              rounds: int = 1000) -> tuple[float, float]:
    rng = random.Random(7)
    values = []
    for _ in range(rounds):
        idx = [rng.randrange(len(rows)) for _ in rows]
        values.append(scores([rows[i] for i in idx], [preds[i] for i in idx])[key])
    values.sort()
    return values[int(0.025 * rounds)], values[int(0.975 * rounds) - 1]


def timex_exact(kb: Any) -> tuple[int, int]:
    good = total = 0
    for line in (HERE / "timex.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        text, start, end = line.split("\t")
        got = extract_times(text, kb, date(2026, 11, 25))
        total += 1
        good += len(got) == 1 and (got[0].start.isoformat(), got[0].end.isoformat()) == \
            (start, end)
    return good, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="test",
                        choices=["dev", "test", "holdout", "final", "blind", "blind2", "blind3",
                                 "blind4", "blind5", "blind6", "blind7", "all"])
    opts = parser.parse_args()
    t0 = time.perf_counter()
    kb = load_kb()
    checker = Checker(kb)
    search_index(kb)  # built here so start-up is timed apart from checking
    gazetteer()
    startup = time.perf_counter() - t0
    rows = load_claims(opts.split)
    t0 = time.perf_counter()
    preds = predict(checker, rows)
    elapsed = time.perf_counter() - t0
    s = scores(rows, preds)
    print(f"## Claim checker on the {opts.split} split ({len(rows)} claims)\n")
    for key, name in (("accuracy", "accuracy"), ("macro_f1", "macro-F1"),
                      ("strict", "strict accuracy")):
        lo, hi = bootstrap(rows, preds, key)
        print(f"- {name}: {s[key]:.3f} (95% bootstrap interval {lo:.3f}–{hi:.3f})")
    print("\n| class | precision | recall | F1 |\n|---|---|---|---|")
    for label, v in s["per_class"].items():
        print(f"| {label} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} |")
    print("\nConfusion matrix (rows: gold, columns: predicted)\n")
    print("| gold \\ predicted | " + " | ".join(LABELS) + " |\n|---|---|---|---|")
    for gold in LABELS:
        cells = [sum(1 for r, p in zip(rows, preds, strict=True)
                     if r["label"] == gold and p["label"] == pred) for pred in LABELS]
        print(f"| {gold} | " + " | ".join(str(c) for c in cells) + " |")
    with_gold = [(r, p) for r, p in zip(rows, preds, strict=True) if r["gold_events"]]
    recall5 = sum(1 for r, p in with_gold if set(r["gold_events"]) & set(p["candidates"]))
    good, total = timex_exact(kb)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n- retrieval recall@5 (a gold event among the candidates): "
          f"{recall5 / len(with_gold):.3f} ({recall5}/{len(with_gold)})")
    print(f"- time expressions, exact match on timex.tsv: {good}/{total}")
    print(f"- speed: {len(rows) / elapsed:.0f} sentences/s; start-up (load KB, build index) "
          f"{startup:.2f} s; peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
