"""Reporting cues: the words that introduce speech, belief and intention.

Lemmas, so that ``said``, ``says`` and ``saying`` all match ``say``. Speech comes first:
each cue carries the confidence that a clause it governs is an attribution at all.
"""

from __future__ import annotations


def word_set(block: str) -> frozenset[str]:
    """The words of a block of text, whitespace apart: lexicons written as prose."""
    return frozenset(block.split())


SPEECH_VERBS: frozenset[str] = word_set(
    """
    say tell add explain claim argue warn insist deny tweet write ask state announce
    note report declare describe suggest acknowledge admit reply respond recall conclude
    comment contend assert maintain stress emphasize emphasise observe remark predict
    promise concede confirm complain testify caution urge boast quip joke shout yell
    scream whisper mutter recount reiterate post blog agree allege estimate speculate
    counter retort lament vow pledge threaten mention propose disclose reveal signal
    concur acknowledge inform assure advise answer brag charge cite clarify continue
    demand exclaim hint imply indicate instruct lie muse notify object opine order plead
    point preach proclaim protest question reason reckon relay remind repeat retort
    scoff sneer snap tout tell wonder write
    """
)

BELIEF_VERBS: frozenset[str] = word_set(
    """
    believe think hope want fear expect feel worry know doubt suspect consider guess
    figure imagine assume anticipate wish intend plan
    """
)

PUBLISHED_IN_VERBS = frozenset({"appear", "run", "publish"})
"""``a study that appeared in the Journal``: the publication speaks for the document."""

NAMING_VERBS: frozenset[str] = word_set(
    """
    call dub label brand accuse criticize criticise praise attack defend dismiss blame slam
    blast mock denounce condemn refer nickname characterize characterise term cite mention
    reject applaud thank congratulate chide scold rebuke ridicule lambaste deride tout hail put
    """
)
"""Naming and characterising verbs (``called X "the Devil"``, ``accused X of``): speech acts."""

SPEECH_NOUNS: frozenset[str] = word_set(
    """
    claim statement remark comment assertion promise pledge warning accusation argument
    suggestion insistence boast vow allegation contention prediction declaration emphasis
    """
)
"""Nouns that report what their owner said (``Brun's claim that ...``)."""

WRITING_NOUNS: frozenset[str] = word_set(
    """
    article statement letter sign note tweet post headline message report release memo email
    ad advert caption banner placard poster editorial story piece filing complaint lawsuit
    ruling order text
    """
)
"""Writings that speak through any verb after a quote (``," the letter reads.``)."""

REQUEST_VERBS: frozenset[str] = word_set(
    """
    ask urge dare challenge invite encourage implore beg press want
    """
)
"""Verbs whose object is asked to speak (``dared him to say``): the one who asks is the source."""

NOT_SPEECH_WITH_OBJECT: frozenset[str] = frozenset({"continue", "post", "charge", "question"})
"""Speech verbs whose object or infinitive is not speech (``continued to campaign``);
they are cues only with a clause or a quote."""
SPEECH_WITH_INFINITIVE: frozenset[str] = frozenset({"order", "demand", "instruct", "plead"})
"""Directives that report speech only with an infinitive (``ordered them to leave``)."""
CUE_CONFIDENCE: dict[str, float] = {
    **{lemma: 0.8 for lemma in SPEECH_VERBS},
    **{lemma: 0.55 for lemma in BELIEF_VERBS},
    "say": 0.9,
    "tell": 0.88,
    "add": 0.85,
    "according": 0.85,
}
"""Prior confidence that a clause governed by the cue is an attribution."""

ADDRESSEE_VERBS: frozenset[str] = word_set(
    """
    tell ask inform assure remind warn urge advise notify instruct order promise
    """
)
"""Verbs whose direct object is the listener (``told reporters that``), not the content."""

CUE_ADVERBS: frozenset[str] = word_set(
    """
    also later now never repeatedly again already previously recently once often still
    further publicly privately reportedly frequently long immediately initially then since
    first
    """
)
"""Adverbs right before the verb that annotators keep in the cue (``also said``)."""

CUE_PREPOSITIONS: frozenset[str] = frozenset({"of", "about", "to", "for"})
"""Prepositions after some verbs that belong to the cue (``warned of``, ``pointed to``)."""

CUE_PREPOSITION_VERBS: frozenset[str] = word_set(
    """
    warn point respond ask talk speak complain boast brag hint joke agree allude refer testify
    """
)


_SUFFIXES = (
    ("ies", "y"),
    ("es", ""),
    ("es", "e"),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("ing", ""),
    ("ing", "e"),
)


def cue_lemma(lemma: str, word: str) -> str:
    """The lexicon entry for a verb: the tagger's lemma, or the word stripped of its ending
    where the lemma is wrong (``hopes`` → ``hop``)."""
    lemma = lemma.lower()
    if lemma in SPEECH_VERBS or lemma in BELIEF_VERBS:
        return lemma
    word = word.lower()
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix):
            base = word[: -len(suffix)] + repl
            if base in SPEECH_VERBS or base in BELIEF_VERBS:
                return base
    return lemma


def cue_confidence(lemma: str) -> float:
    return CUE_CONFIDENCE.get(lemma.lower(), 0.5)
