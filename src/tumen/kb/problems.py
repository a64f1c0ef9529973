"""Validation problems: a stable code, a location and a message a contributor can act on."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CODES", "Problem"]

#: Every problem code the validator emits, with what it means.
CODES: dict[str, str] = {
    "kb-missing": "the knowledge-base directory or one of its required files does not exist",
    "yaml-syntax": "the file is not valid YAML or not UTF-8",
    "bad-shape": "a file or record has the wrong structure (a list of mappings is expected)",
    "duplicate-key": "a key appears twice in one mapping",
    "unknown-field": "a field the format does not define",
    "missing-field": "a required field is absent or empty",
    "bad-type": "a field's value has the wrong type",
    "bad-value": "a field's value is not one of the allowed values or out of range",
    "bad-id": "an id is not a well-formed slug",
    "duplicate-id": "two records share an id",
    "bad-date": "a date is not valid EDTF",
    "interval-order": "an interval ends before it starts",
    "future-date": "a date lies after today",
    "unknown-period": "an events file is not named for a period in periods.yaml",
    "unknown-reference": "a reference to an actor, person, place, source or event that is not "
    "there",
    "unknown-citation": "a [@key] citation marker that resolves to no event or source",
    "outside-period": "an event starts outside the dates of its period",
    "outside-lifetime": "an event is dated outside the existence of an actor or the life of a "
    "person",
    "source-incomplete": "a source has neither an http(s) URL nor a full bibliographic entry",
    "no-source": "an event cites no source",
    "near-duplicate": "two events have the same date and nearly the same title",
    "self-reference": "an event lists itself as related",
    "period-order": "periods are not in chronological order",
    "domain-unknown": "a source's url or archived copy is on a site domains.yaml does not list",
    "domain-not-citable": "a source's url points to a copy or a site that is never cited",
    "archived-not-citable": "a source's archived copy is on a staging host, pirate library, "
    "propaganda site, content farm or forum",
    "kind-mismatch": "a source's kind does not agree with the tier of the site its url is on",
    "weak-share": "too many sources sit on weak sites",
    "landmark-unsourced": "a significance-3, treaty or agreement event has no primary or "
    "scholarly source",
    "coverage-low": "too few events have a primary or scholarly source",
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One validation problem. `path` is relative to the knowledge-base directory."""

    code: str
    path: str
    line: int
    message: str
    record: str = ""
    field: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message} [{self.code}]"

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "path": self.path,
            "line": self.line,
            "record": self.record,
            "field": self.field,
            "message": self.message,
        }
