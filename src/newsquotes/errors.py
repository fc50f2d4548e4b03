"""Errors with codes and advice, so a user can tell what went wrong and what to do.

Every error that concerns one document names that document; a batch catches
:class:`DocumentError`, records it, and goes on with the rest.
"""

from __future__ import annotations


def install_hint(extra: str) -> str:
    """How to add an optional part of newsquotes, from PyPI or from a checkout."""
    return f"pip install 'newsquotes[{extra}]' (in a checkout: pip install -e '.[{extra}]')"


class NewsquotesError(Exception):
    """Base class. ``code`` is stable (``NQ###``) so logs and the errors table can be grepped."""

    code = "NQ000"

    def __init__(self, message: str, *, advice: str | None = None) -> None:
        self.message = message
        self.advice = advice
        text = f"[{self.code}] {message}"
        if advice:
            text += f" ({advice})"
        super().__init__(text)


class ModelNotFoundError(NewsquotesError):
    code = "NQ001"


class DocumentError(NewsquotesError):
    """A problem with one input document: ``document`` names it (path, ``path#record``, id)."""

    code = "NQ100"

    def __init__(self, document: str, message: str, *, advice: str | None = None) -> None:
        self.document = document
        super().__init__(f"{document}: {message}", advice=advice)
        self.reason = message


class DecodeError(DocumentError):
    """The bytes are not text we can read (binary, undecodable)."""

    code = "NQ101"


class EmptyDocumentError(DocumentError):
    code = "NQ102"


class DocumentTooLargeError(DocumentError):
    code = "NQ103"


class FormatError(DocumentError):
    """A container (WARC, JSONL, gzip) is malformed or truncated."""

    code = "NQ104"


class NoArticleError(DocumentError):
    """An HTML page in which no article body could be found."""

    code = "NQ105"


class LanguageError(DocumentError):
    """An article in a language the engine does not read; recorded as skipped, not analysed."""

    code = "NQ106"

    def __init__(self, document: str, language: str, name: str) -> None:
        self.language = language
        super().__init__(
            document,
            f"written in {name} ({language}), not English; skipped",
            advice="newsquotes finds quotes in English articles only",
        )


class PipelineConfigError(NewsquotesError):
    """The spaCy pipeline lacks what the newsquotes component needs (a dependency parse)."""

    code = "NQ002"


class GoldFormatError(NewsquotesError):
    """A brat standoff file that cannot be read."""

    code = "NQ200"


class CorpusError(NewsquotesError):
    """A problem with the SQLite corpus (wrong schema version, not a newsquotes database)."""

    code = "NQ300"


class SearchQueryError(CorpusError):
    """A full-text search that cannot be read: a phrase never closed, an operator with no
    term on one side, a parenthesis unmatched, a column filter (``col:``)."""

    code = "NQ301"
