"""Exceptions raised by newsaudit.

Every error the library raises on purpose derives from :class:`NewsauditError`.
Front ends (the CLI, the web service) turn them into exit or status codes; the
library itself never exits.

Hierarchy::

    NewsauditError
    ├── InputError                  the input cannot be read as an article (exit 3)
    │   ├── EmptyInputError         nothing but whitespace
    │   ├── BinaryInputError        an image, archive, PDF or other non-text file
    │   ├── InputTooLargeError      over the size limit for one article
    │   ├── EncodingError           bytes that decode to no text
    │   ├── NoContentError          HTML or text without any readable content
    │   └── CorpusInputError        a file of many records (JSONL, CSV...): use batch (exit 2)
    ├── FetchError                  a URL could not be fetched (exit 4)
    │   ├── BlockedAddressError     private, loopback or link-local target refused
    │   ├── UnsupportedURLError     not http or https, or malformed
    │   └── ResponseTooLargeError   body over the fetch cap
    ├── OutputError                 an output folder cannot be written, or is full (exit 3)
    ├── DataError                   reference data or a model is missing or broken (exit 5)
    │   └── MissingDataError        a data set is not where newsaudit looks for it
    ├── PipelineError               stages are unknown or in an impossible order (exit 2)
    ├── ReportSchemaError           a report does not match the report schema (exit 1)
    └── DeadlineError               the deadline passed before the input was read (exit 6)

    StageInterrupted (BaseException) the deadline passed inside a running stage;
                                    caught by the pipeline, which reports the stage
                                    as unfinished. A BaseException, like
                                    KeyboardInterrupt, so that a stage's broad
                                    ``except Exception`` does not swallow it.
"""

from __future__ import annotations


class NewsauditError(Exception):
    """Base class of every error newsaudit raises on purpose."""

    #: Exit code the CLI uses for this family of errors.
    exit_code: int = 1


class InputError(NewsauditError):
    """The input cannot be read as an article."""

    exit_code = 3


class EmptyInputError(InputError):
    """The input holds nothing but whitespace."""


class BinaryInputError(InputError):
    """The input is a binary file (image, archive, PDF, executable...)."""


class InputTooLargeError(InputError):
    """The input is larger than one article can reasonably be."""


class EncodingError(InputError):
    """The bytes do not decode to text in any plausible encoding."""


class NoContentError(InputError):
    """The document has no readable content (for example HTML without a body)."""


class CorpusInputError(InputError):
    """The input is a corpus (JSONL, CSV, Parquet, WARC records), not one article.

    A usage mistake, so exit code 2: the message points to ``newsaudit batch``.
    """

    exit_code = 2


class FetchError(NewsauditError):
    """A URL could not be fetched."""

    exit_code = 4


class BlockedAddressError(FetchError):
    """The URL points at a loopback, private, link-local or reserved address."""


class UnsupportedURLError(FetchError):
    """The URL is malformed or uses a scheme other than http or https."""


class ResponseTooLargeError(FetchError):
    """The response body is over the fetch size cap."""


class OutputError(NewsauditError):
    """An output file or folder cannot be written (missing, read-only, full)."""

    exit_code = 3


class DataError(NewsauditError):
    """Reference data or a model is missing or unreadable."""

    exit_code = 5


class MissingDataError(DataError):
    """A reference data set is not in any of the places newsaudit looks."""


class PipelineError(NewsauditError):
    """Stages are unknown, duplicated, or ordered so that a need is not met."""

    exit_code = 2


class ReportSchemaError(NewsauditError):
    """A report does not match the shipped report schema (or no schema fits its version)."""


class DeadlineError(NewsauditError):
    """The deadline for one article passed before its input was read."""

    exit_code = 6


class StageInterrupted(BaseException):
    """The deadline passed while a stage was running (see :mod:`newsaudit.deadline`)."""
