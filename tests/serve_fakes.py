"""Stand-in pipelines for the web tests, in their own module so worker processes (which are
spawned, not forked) can import them by name."""

from __future__ import annotations

import os
import re
import time

from newsquotes.errors import DocumentTooLargeError
from newsquotes.model import Article, Quote

SLOW_MARK = "SLOW"
DIE_MARK = "DIE"
SLOW_SECONDS = 30.0


class FakePipeline:
    """Marks the first quoted stretch as a quote by Ida Brandt; counts how often it is made."""

    made = 0

    def __init__(self) -> None:
        FakePipeline.made += 1

    def process(self, article: Article) -> Article:
        if "TOO BIG" in article.text:
            raise DocumentTooLargeError(article.id, "too many characters", advice="split it")
        if DIE_MARK in article.text:
            os._exit(1)  # a worker process killed under it (out of memory, say)
        if SLOW_MARK in article.text:
            time.sleep(SLOW_SECONDS)
        match = re.search(r'"[^"]*"', article.text)
        if match:
            article.quotes = [
                Quote("q1", "direct", [match.span()], match.group(), speaker_name="Ida Brandt")
            ]
        return article
