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
    titles_in_frames: bool = True
    """``"A," he said on ABC's "This Week." "B."``: a quoted title inside a frame neither ends
    the frame nor keeps the next sentence's quote from joining the turn."""
    frame_window: int = 40
    """Tokens after a quote searched for its frame (``..." said X``)."""
    floating_paragraphs: int = 2
    """How many paragraphs back a frameless quote may look for its speaker."""
    continuation_chars: int = 200
    """Longest frame between two quotes of one turn (``"A," said X, the ..., "B."``)."""
    join_next_sentence: bool = True
    """``"A," she said. "B."``: a frameless quote opening the sentence after a frame is the
    rest of the turn (PolNeAR's convention)."""
    turn_ends_at_narration: bool = True
    object_names_quote: bool = False
    """``revealed a few telling facts: "..."``: a noun object of the cue right before its
    quote is part of the content, as PolNeAR marks it. Off by default: the object often
    names a topic or a title (``the usual slogan, "..."``), and the quote then reads as a
    mixed one."""
    report_joins_next_paragraph: bool = True
    """``Finch said the ferry would run.`` ¶ ``"We have the crew."``: a frameless quote opening
    the next paragraph continues a report that ends its own paragraph (with False, only a
    quote in the report's paragraph does)."""
    """``"A," she said. She left. "B."``: a sentence of narration other than the first
    quote's frame between two quotes ends the turn; the second quote stands alone."""
    conjoined_reports_apart: bool = True
    """``said the pier is "unsafe" and insisted that the ferry must run``: a second reporting
    verb of the same speaker, linked to the first report by a comma, ``and``, ``but`` or
    ``before``, ends the first report's content (two attributions, not one)."""
    dash_ends_report: bool = True
    """``said it was "rigged" against him — a charge the party denied``: a single dash
    outside quotation marks after a quoted fragment ends the reported clause (a mixed
    quote); the words after it are the writer's. An unquoted report keeps its dash."""
    mixed_parentheticals: bool = True
    """``The harbour, she said, is "dying by the week."``: a speech frame set inside a
    sentence whose quoted fragment follows the frame reports the whole sentence, a mixed
    quote in two spans (with False, a parenthetical frame reports only unquoted sentences)."""
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
    as signs of Z``), not only to the end of the phrase holding the fragment."""
    clause_after_fragment: bool = True
    """``says "the tide is turning our way" despite the loss``: after a cue, a quoted fragment's
    clause goes on to its end."""
    governed_complement_start: bool = True
    """``told reporters that "..."``, ``called the plan "a disgrace"``: a governed quote's
    content begins at the complement that holds it, after the verb's object or listener
    (with False, right after the verb)."""
    clause_before_capital: bool = True
    """``Those who think "America is lost are wrong," she said``: a quote that opens with a
    capital after words of its own sentence also completes their clause (with False, only a
    lowercase fragment does)."""
    cue_before_fragment: bool = True
    """``They said they want "justice," but pledged calm``: a quote in mid-sentence after a
    cue of its own sentence belongs to that cue, not to a verb after it."""
    describing_clauses: bool = True
    """``Ada Finch, who ran the port for a decade, said``: a ``who`` clause that describes
    the speaker is part of the speaker's mention (not one with a cue of its own)."""
    inverted_frame_speaker: bool = True
    """``," said Ada Finch, half joking.``: a clause the parser hangs on a frame's verb that
    starts with the name right after it is the speaker and an aside; the verb still frames
    the quote (with False, such a verb is taken to report a clause of its own)."""
    name_before_aside: bool = True
    """``," Mr. Ode, now 81 and retired in Tallinn, said``: a frame after a quote that opens
    with a name and an aside set off by commas, the cue right after the aside, is the
    name's (with False, only a parse that makes the name the cue's subject credits it)."""
    abbreviations_in_frames: bool = True
    """``," said retired Lt. Gen. Ilse Vik, who ...``: a full stop the tokenizer split off a
    short capitalised word, before a capitalised word or a comma, does not end a quote's
    frame (with False, the frame ends there and the next quote stands alone)."""
    naming_cue_before_fragment: bool = True
    """``Holt called the plan "a disgrace," and threatened to sue``: a quote after a naming
    verb of its own sentence belongs to that verb when the verb after the quote only carries
    the sentence on (a conjoined verb or a participle), not a frame of its own (with False,
    that verb is taken for the quote's frame)."""
    naming_through_preposition: bool = True
    """``accused him of having a "penchant for sexism"``: a quoted fragment in a gerund after
    a naming verb's object and ``of``/``for``/``with`` is reported by the naming verb (with
    False, by the gerund, which no one speaks)."""
    relative_naming: bool = True
    """``condemned what she called "a disgrace"``: the content is the whole free relative;
    ``the plan, which she called "a disgrace"``: ``which`` and the words."""
    headline_claims: bool = True
    """``Harbour Trust: Pier Will Close``: a headline's name and colon credit the claim."""
    headline_source_words: int = 4
    """Longest name before a headline's colon taken as its source (longer: a label)."""
    fronted_words: bool = True
    """``The reality is, he added, "there are no recusals"``: the words that open a sentence
    before a frame set off by commas are the first part of what is reported."""
    max_fronted_tokens: int = 40
    """Longest stretch of such opening words taken into the content."""
    max_quote_paragraphs: int = 12
    """A quote running over more paragraphs than this is taken to be a stray mark."""
    subject_hops: int = 3
    """How many verbs up a chain of shared subjects a cue's speaker is looked for
    (``clarified ..., treating ... and asserting``)."""
    main_clause_climb: int = 6
    """Steps from a relative clause's noun up to the verb whose subject speaks through a
    participle set off after the clause."""
    nested_reports_outer: bool = True
    """``Lind said Okafor was "right" when he said that "the harbour ..."``: a reported
    clause that holds a whole direct quote with its own cue and speaker is the outer
    speaker's report; the inner quote is part of it, not an attribution of its own."""
    absolute_phrases: bool = True
    """``The talk ended with Quill asking whether ...``: the noun of an absolute ``with``
    (``despite``, ``amid``) phrase right before an ``-ing`` cue is its speaker, not the
    sentence's subject."""
    stranded_subjects: bool = True
    """``Russia backs the government as the United States and France support the rebels``:
    a finite cue the parser left without a subject takes the name right before it that it
    read as the object of ``as`` (``while``, ``because`` ...), not the sentence's subject."""
    colon_blocks: bool = True
    """``Hewitt writes:`` ending a paragraph, then a paragraph with no quotation marks:
    that paragraph is the writer's words, set off as a block quotation."""
    signatures_sign_paragraphs: bool = True
    """``"A." "B." ― Rosa Ilves``: a quote with no frame of its own, followed in its
    paragraph by a dash signature with nothing between, is the signer's, and (joining
    turns) one quote with the signed one."""
    subject_walk: int = 4
    """How many heads up from the first word of a frame after a quote its subject phrase
    is looked for (``," Kessel's cousin, state Sen. Jorun Vik, shouted``)."""


DEFAULT_SETTINGS = EngineSettings()
