"""The engine's thresholds, in one place: the spaCy component's config sets them
(``nlp.add_pipe("newsquotes", config={...})``), every pass reads them from here."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EngineSettings:
    """Thresholds of the attribution passes and of the learned judge."""

    model: bool = True
    """Let the learned judge score, filter and add attributions (False: the rules alone)."""
    model_drop_below: float = 0.2
    """A rule attribution the model gives a lower probability is dropped."""
    model_accept_at: float = 0.5
    """A model candidate with at least this probability becomes an attribution."""
    frame_window: int = 40
    """Tokens after a quote searched for its frame (``..." said X``)."""
    floating_paragraphs: int = 2
    """How many paragraphs back a frameless quote may look for its speaker."""
    continuation_chars: int = 200
    """Longest frame between two quotes of one turn (``"A," said X, the ..., "B."``)."""
    join_next_sentence: bool = True
    """``"A," she said. "B."``: a frameless quote opening the sentence after a frame is the
    rest of the turn (PolNeAR's convention)."""
    clause_before_quote: bool = True
    """``said she has one quality: "..."``: words with a verb between a cue and its quote are
    part of the content (with False, only a clause opened by ``that``/``whether`` is)."""
    settle_cues: bool = True
    """Move a linking preposition or a reporting infinitive from the content into the cue
    (``talked about``, ``declined to comment on``), as PolNeAR annotates cues."""
    widen_cues: bool = True
    """Widen a cue over the adverbs before its verb, the verb an infinitive cue hangs from
    and a colon after it (``politely suggested``, ``went on to call``, ``added:``), as
    PolNeAR annotates cues."""
    whole_governed_clause: bool = True
    """A quoted fragment's content runs to the end of its verb's clause (``cited X as "Y"
    as examples of Z``), not only to the end of the phrase holding the fragment."""
    clause_after_fragment: bool = True
    """``says "the wind is at our backs" despite the loss``: after a cue, a quoted fragment's
    clause goes on to its end."""
    max_quote_paragraphs: int = 12
    """A quote running over more paragraphs than this is taken to be a stray mark."""
    subject_hops: int = 3
    """How many verbs up a chain of shared subjects a cue's speaker is looked for
    (``clarified ..., treating ... and asserting``)."""
    main_clause_climb: int = 6
    """Steps from a relative clause's noun up to the verb whose subject speaks through a
    participle set off after the clause."""
    subject_walk: int = 4
    """How many heads up from the first word of a frame after a quote its subject phrase
    is looked for (``," Kessel's niece, state Del. Marcia Lund, shouted``)."""


DEFAULT_SETTINGS = EngineSettings()
