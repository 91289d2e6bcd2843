"""The one exception tree of gongkai.

Every error gongkai raises on purpose derives from :class:`GongkaiError` and
also from the builtin it refines, so callers may catch either. Messages name
the bad value and say what to try, in Chinese and English.
"""

from __future__ import annotations


class GongkaiError(Exception):
    """Root of every error gongkai raises on purpose."""

    exit_code = 1


class UsageError(GongkaiError, ValueError):
    """A call's arguments are wrong (unknown template, bad option value)."""

    exit_code = 2


class UnknownTemplateError(UsageError, KeyError):
    """A template id that is neither "2019" nor "2021"."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""


class UnknownCellError(UsageError, KeyError):
    """A cell key that the template does not define."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class ReportFormatError(GongkaiError, ValueError):
    """A report's JSON does not follow gongkai's report format."""

    exit_code = 3


class UnreadableDocumentError(GongkaiError, ValueError):
    """A document could not be read at all (wrong format, corrupt, undecodable)."""

    exit_code = 3


class OcrNeededError(UnreadableDocumentError):
    """A PDF has no text layer: it is a scan and needs OCR first."""


class ReadTimeoutError(UnreadableDocumentError):
    """Reading one document of a batch took longer than the batch allows."""


class ReaderCrashError(UnreadableDocumentError):
    """Reading a document failed unexpectedly (a gongkai bug, or a crash of a native library)."""


class CalendarError(GongkaiError, ValueError):
    """The working-day calendar has no data for a date that a computation needs."""

    exit_code = 3


class WorkflowError(GongkaiError, ValueError):
    """A case transition that the workflow or the actor's role does not allow."""


class ConcurrentUpdateError(WorkflowError):
    """Someone else changed the case first; reload and try again."""


class CorpusConflictError(GongkaiError, ValueError):
    """A corpus change that would break the store's rules (merging clashing bodies, a parent cycle)."""
