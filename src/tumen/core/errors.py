"""The exceptions tumen raises. Front ends translate them; nothing else leaks."""

from __future__ import annotations

from collections.abc import Sequence


class TumenError(Exception):
    """Base of every error tumen raises on purpose."""

    exit_code = 1


class DateError(TumenError, ValueError):
    """A string is not a valid EDTF date of the kind tumen reads."""


class KBNotFound(TumenError):
    """The knowledge-base directory does not exist or holds no knowledge base."""


class KBInvalid(TumenError):
    """The knowledge base has validation problems; `problems` lists them all."""

    def __init__(self, problems: Sequence[object]) -> None:
        self.problems = list(problems)
        n = len(self.problems)
        super().__init__(
            f"the knowledge base has {n} problem{'s' if n != 1 else ''}; "
            "run 'tumen validate' to list them"
        )


class NotFound(TumenError):
    """No record with that id; `suggestions` holds the closest ids."""

    exit_code = 2

    def __init__(self, kind: str, key: str, suggestions: Sequence[str] = ()) -> None:
        self.kind = kind
        self.key = key
        self.suggestions = list(suggestions)
        message = f"no {kind} '{key}'"
        if self.suggestions:
            message += " — did you mean " + " or ".join(f"'{s}'" for s in self.suggestions) + "?"
        super().__init__(message)


class QueryError(TumenError, ValueError):
    """A filter or search argument is malformed (unknown actor, bad date, ...)."""

    exit_code = 2


class ExportError(TumenError):
    """An export could not be written."""
