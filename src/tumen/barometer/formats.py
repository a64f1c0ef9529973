"""A barometer series as a table, CSV, JSON or a text chart of net cooperation."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

__all__ = ["render_series"]

_TABLE = ("period", "n", "net_cooperation", "goldstein_mean", "tone_mean", "intensity", "z")


def _fmt(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def render_series(rows: list[dict[str, Any]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(rows, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        if rows:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows({k: _fmt(v) for k, v in r.items()} for r in rows)
        return out.getvalue()
    if fmt == "chart":
        lines = ["net cooperation (−1 conflict … +1 cooperation); | marks zero"]
        for r in rows:
            v = r["net_cooperation"]
            bar = " " * 20 + "|" + " " * 20
            if v is not None:
                k = round(v * 20)
                cells = list(bar)
                for i in range(min(20, 20 + k), max(21, 21 + k)):
                    if i != 20:
                        cells[i] = "█"
                bar = "".join(cells)
            mark = " ← 1.0/2.0 splice" if r["splice"] else ""
            lines.append(f"{r['period']}  {bar}  {_fmt(v):>6}  n={r['n']}{mark}")
        return "\n".join(lines) + "\n"
    widths = [max(len(c), *(len(_fmt(r[c])) for r in rows)) if rows else len(c) for c in _TABLE]
    head = "  ".join(c.rjust(w) for c, w in zip(_TABLE, widths, strict=True))
    body = ["  ".join(_fmt(r[c]).rjust(w) for c, w in zip(_TABLE, widths, strict=True))
            + ("  splice" if r["splice"] else "") for r in rows]
    return "\n".join([head, *body]) + "\n"
