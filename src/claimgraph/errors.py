"""One exception tree for claimgraph.

::

    ClaimgraphError
    ├── InputError            a document or path cannot be read or is not usable
    │   ├── EmptyInputError       empty or whitespace-only text
    │   ├── BinaryInputError      the bytes are not text
    │   ├── InputTooLargeError    text over the configured size limit
    │   └── MalformedInputError   broken JSON line, HTML with no main text, …
    ├── AnalysisError         analysing one document failed unexpectedly (a bug: please report it)
    ├── ModelError            the spaCy pipeline or a shipped model cannot be loaded
    ├── DataError             a research corpus or knowledge file is missing or malformed
    ├── StoreError            the corpus database refused an operation
    └── OutputError           an output file or folder cannot be written (disk full, read-only, a folder)

The CLI catches :class:`ClaimgraphError`, prints its message on one line and
exits non-zero; messages say what to do about the problem.
"""

from __future__ import annotations

__all__ = [
    "AnalysisError",
    "BinaryInputError",
    "ClaimgraphError",
    "DataError",
    "EmptyInputError",
    "InputError",
    "InputTooLargeError",
    "MalformedInputError",
    "ModelError",
    "OutputError",
    "StoreError",
]


class ClaimgraphError(Exception):
    """Base class of every error claimgraph raises on purpose."""


class InputError(ClaimgraphError):
    """A document or path cannot be read or is not usable."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class EmptyInputError(InputError):
    """The document has no text (empty or whitespace only)."""


class BinaryInputError(InputError):
    """The input is binary data, not text."""


class InputTooLargeError(InputError):
    """The document's text is longer than the configured limit."""


class MalformedInputError(InputError):
    """The input is in a known format but broken (bad JSON, HTML without text)."""


class AnalysisError(ClaimgraphError):
    """Analysing one document failed with an unexpected exception.

    The batch goes on without that document; ``CLAIMGRAPH_DEBUG=1`` re-raises the
    original exception to show its traceback.
    """

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class ModelError(ClaimgraphError):
    """A spaCy pipeline or a shipped model cannot be loaded."""


class DataError(ClaimgraphError):
    """A research corpus or a knowledge file is missing or malformed."""


class StoreError(ClaimgraphError):
    """The corpus database refused an operation."""


class OutputError(ClaimgraphError):
    """An output file or folder cannot be written (disk full, read-only folder, a folder given as a file).

    Nothing half-written is left: the target keeps its earlier content, or stays absent.
    """

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.path = path
        super().__init__(message)
