"""Every exception tumen raises on purpose, in one hierarchy.

Each class says how the front ends report it: `exit_code` for the command line (0 ok, 1 a data
or runtime error, 2 misuse: a bad argument, an unknown id) and `http_status` for the web
explorer and its API. The CLI and the web map errors from these two attributes alone.
"""

from __future__ import annotations

from collections.abc import Sequence


class TumenError(Exception):
    """Base of every error tumen raises on purpose."""

    exit_code = 1
    #: 500: the server failed; its message is not shown to the client (it may name paths)
    http_status = 500

    def detail(self) -> object:
        """What an API error body carries beside the message (None: nothing)."""
        return None


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
    http_status = 404

    def __init__(self, kind: str, key: str, suggestions: Sequence[str] = ()) -> None:
        self.kind = kind
        self.key = key
        self.suggestions = list(suggestions)
        message = f"no {kind} '{key}'"
        if self.suggestions:
            message += " — did you mean " + " or ".join(f"'{s}'" for s in self.suggestions) + "?"
        super().__init__(message)

    def detail(self) -> object:
        return {"suggestions": self.suggestions}


class QueryError(TumenError, ValueError):
    """A filter or search argument is malformed (unknown actor, bad date, ...)."""

    exit_code = 2
    http_status = 422


class ExportError(TumenError):
    """An export could not be written."""


class ArticleError(TumenError, ValueError):
    """The selection is empty or the word budget is too small; the message says what fits."""

    exit_code = 2
    http_status = 422


class CheckInputError(TumenError):
    """The input cannot be checked: empty, binary, not UTF-8, too large, or unreachable."""

    http_status = 422


class BarometerError(TumenError):
    """A barometer file or dataset problem; the message says which file and why."""


class DamagedDataset(BarometerError):
    """An ingested part is missing or unreadable; the message names it and says what to do."""
