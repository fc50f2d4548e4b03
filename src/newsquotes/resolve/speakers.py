"""Resolves each quote's speaker mention to one record per person (or group) in the article.

``Varga``, ``she`` and ``the economist`` all become Ilse Varga when the article introduced
her first. For each quote, in text order:

1. **Transcript** labels (``QUILL:``) own their turn: the label is the speaker.
2. **Names**: a mention whose head is a name (or whose appositive is one: ``Another
   engineer, former harbour master Ilse Varga``) is that person, under the fullest form of
   the name in the article (:mod:`.cast`); organisations and named groups likewise.
3. **Relative** ``who``/``which`` (``Smith, who said``) is the noun it hangs from.
4. **Pronouns** agree in gender and number; names inside quotation marks are never
   antecedents. ``he``/``she``: a person named as a subject since the last quote, else the
   passage's current speaker, else the latest subject, else the latest name, within
   ``pronoun_window_paragraphs``. ``they``/``it``: the current speaker if an organisation or
   group, else the latest organisation named. ``I`` outside quotes is the author: unnamed.
5. **Descriptions** (``the senator``, ``the GOP nominee``) resolve to the one person
   introduced with that role, else the one the passage is about (:mod:`.descriptions`);
   ``the spokeswoman`` after ``a spokeswoman`` stays that unnamed one. Otherwise, and for
   indefinite sources (``a spokeswoman``, ``officials``), the speaker is ``unnamed`` (or
   ``group``) and carries the description, never a name.

Every quote records how in ``resolved_by``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from ..model import Quote, Speaker
from ..model import Span as TextSpan
from ..quotes.context import ArticleView, children_of
from ..quotes.cues import BELIEF_VERBS, PUBLISHED_IN_VERBS, SPEECH_VERBS, word_set
from .cast import Cast, CastSettings, Mention, Person, introduced_on_its_own
from .descriptions import (
    DOCUMENT_NOUNS,
    ORGANISATION_NOUNS,
    Describer,
    DescriptionSettings,
    is_headline_role,
    is_role_word,
    role_phrases,
    same_unnamed,
)
from .descriptions import core_phrase as _core
from .gender import PRONOUN_SEX
from .names import (
    clean_name,
    is_honorific,
    organisation_name,
    shout_to_title,
    strip_article,
    surname_key,
)

GROUP_PRONOUNS = frozenset({"they", "them", "we", "us"})
THING_PRONOUNS = frozenset({"it", "its"})
PLURAL_SUBJECT_LOOKBACK_TOKENS = 80
"""How far back a ``they`` looks for a plural noun subject that would make an organisation
the wrong antecedent (two sentences at most; keeps resolution linear)."""
AUTHOR_PRONOUNS = frozenset({"i", "me", "my"})
UNNAMED_KINDS = frozenset({"unnamed", "group"})
"""Speaker kinds a description stays: never given the description as a name's alias."""
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
DISTRIBUTIVES = frozenset({"each", "both"})
"""``each``/``both`` on their own stand for the group just named."""
QUANTIFIERS = frozenset(
    {"some", "many", "all", "most", "several", "few", "others", "both", "each", "none"}
)
"""Heads and determiners that make a source a group (``some``, ``many of them``)."""
CALENDAR_WORDS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    | {"january", "february", "march", "april", "may", "june", "july", "august"}
    | {"september", "october", "november", "december", "sept", "oct", "nov", "dec"}
)
MEMBER_PREPOSITIONS = frozenset({"including", "like"})
LIKENESS_PRONOUNS = frozenset({"someone", "somebody"})
"""Singular words a ``like X`` after them turns into X (``someone like Mr. Clarke``)."""
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
SUBORDINATE_CLAUSE_DEPS = frozenset({"advcl"})
CONTRASTIVE_MARKERS = frozenset({"while", "whereas"})
"""``Mrs. Clinton defends the law, while Mr. Sanders wants more``: a clause that sets its
subject beside the main one, not beneath it; its subject stays in the passage."""
REPORTING_MARKERS = frozenset({"as"})
"""``as Mr. Lund suggested at the meeting``: a clause that reports its subject's words."""
ARTICLES = frozenset({"the", "a", "an"})
SINGULAR_NAME_TAGS = frozenset({"NNP", "NN", "JJ"})
TEAM_NOUNS = frozenset({"campaign", "team", "camp", "administration", "staff"})
TEAM_NAMES = {"team": "campaign", "camp": "campaign"}
"""``the Brenner team``, ``the Brenner camp``: one organisation, the candidate's campaign."""
"""``the Brenner campaign``: a person's organisation, named after them."""
AUTHOR = "the author"
BIOGRAPHY_VERBS = frozenset({"be", "write", "teach", "serve"})
NAME_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
RELATIVE_GAP_TOKENS = 2
"""Punctuation allowed between a name and its ``which``/``who``."""
NOT_SPEAKER_ENTITIES = frozenset({"DATE", "TIME"})
"""Entity types that never speak (``Monday``, ``Thursday morning``)."""
FRAME_TOKENS = 8
"""How far before the cue a speaker's name is looked for when the parse gave none."""
DATELINE_DASHES = frozenset({"--", "—", "–", "-"})
DATELINE_TOKENS = 6
"""Most tokens a dateline (``BUFFALO, N.Y. —``) runs before its dash."""
LABEL_SLACK = 2
"""Characters a quote may open before its transcript label (the quote mark)."""
CONTINUATION_RULES = frozenset({"floating"})
TAG_TOKENS = 4
"""Longest stretch from a bracket to the head inside it that is a party tag (``(D-Mo.)``)."""

PEOPLE_NOUNS = word_set(
    """
    member people person resident voter official worker employee contestant supporter
    leader reporter journalist lawmaker expert analyst student parent woman man child family
    citizen veteran candidate delegate donor executive staffer aide volunteer protester
    witness victim survivor neighbour neighbor customer patient teacher doctor nurse officer
    agent soldier farmer fisherman editor producer host guest critic activist
    """
)
"""Plural nouns for people (``interviewed 20 crew members``): they can be a ``they``."""
AGENT_SUFFIXES = ("er", "or", "ist", "ian")
IMPERSONAL_SUBJECTS = frozenset({"it", "there", "this", "that", "what", "which", "these", "those"})
"""Endings of nouns for someone who does something (``talker``, ``strategist``)."""

"""Attribution rules that carry the previous speaker over to a frameless quote."""


_CAST_DEFAULTS = CastSettings()


@dataclass(frozen=True, slots=True)
class ResolutionSettings:
    """Windows of speaker resolution (set in the ``newsquotes`` component's config)."""

    pronoun_window_paragraphs: int = 3
    """How many paragraphs back a he/she looks for a person."""
    continuity_window_paragraphs: int = 3
    """How many paragraphs the current speaker stays current for a pronoun."""
    group_pronoun_window_paragraphs: int = 2
    """How many paragraphs back a they/it looks for an organisation."""
    antecedent_limit: int = 30
    """Most names looked at for one pronoun (keeps resolution linear)."""
    thing_continuity_paragraphs: int = 1
    """How many paragraphs an ``it`` stays with a document that has just spoken."""
    object_people_antecedent: bool = True
    """``The campaign praised the union leaders because they said``: a ``they`` in an
    adverbial clause of a verb whose object is people stays unresolved rather than going
    to the verb's subject or another organisation."""
    someone_like: bool = True
    """``Why would someone like Mr. Clarke take over the mine?``: ``someone``
    (``somebody``) described by the one name it is like is that person."""
    min_misspelt_surname: int = _CAST_DEFAULTS.min_misspelt_surname
    """Shortest bare surname that may join a full name one letter off (``Holowell``)."""
    max_misspelt_uses: int = _CAST_DEFAULTS.max_misspelt_uses
    """Most times a bare surname one letter off a full name may be spelt so and still be
    taken for a slip."""
    misspelt_rarity: int = _CAST_DEFAULTS.misspelt_rarity
    """How many times more often the right spelling must be used for a slip spelt more
    often still to be one."""
    description_window_sentences: int = 2
    """How many sentences back a description no one was introduced with (``the GOP
    nominee``) looks for the one person the passage is about."""
    description_lookahead_paragraphs: int = 1
    """How many paragraphs after a description its role holder may still be introduced."""
    description_lede_paragraphs: int = 2
    """How many paragraphs after a lede that opens with an indefinite role (``A New York
    judge has ruled``) the article may name the one it describes."""
    headline_max_words: int = _CAST_DEFAULTS.headline_max_words
    """Most words of a first paragraph that is a headline."""
    headline_capitalised: float = _CAST_DEFAULTS.headline_capitalised
    """Least share of a headline's words that are capitalised."""
    appositive_max_tokens: int = _CAST_DEFAULTS.appositive_max_tokens
    """Longest appositive after a name read for roles (``Ana Ruiz, the mayor of ...,``)."""
    honorifics_before_name: int = _CAST_DEFAULTS.honorifics_before_name
    """Most honorifics read right before a name (``Norland Gov. Ivo Stenberg``)."""
    person_org_max_words: int = _CAST_DEFAULTS.person_org_max_words
    """Longest tagged "organisation" that is a person named with a role appositive."""
    appositive_depth: int = _CAST_DEFAULTS.appositive_depth
    """Appositives nested this deep still reach the phrase they describe."""

    def cast_settings(self) -> CastSettings:
        """The limits of reading the cast."""
        return CastSettings(
            min_misspelt_surname=self.min_misspelt_surname,
            max_misspelt_uses=self.max_misspelt_uses,
            misspelt_rarity=self.misspelt_rarity,
            headline_max_words=self.headline_max_words,
            headline_capitalised=self.headline_capitalised,
            appositive_max_tokens=self.appositive_max_tokens,
            honorifics_before_name=self.honorifics_before_name,
            person_org_max_words=self.person_org_max_words,
            appositive_depth=self.appositive_depth,
        )


@dataclass(slots=True)
class _Current:
    """The passage's current speaker: who spoke last, and where."""

    person: Person
    at: int
    paragraph: int


class _Resolver:
    def __init__(self, view: ArticleView, settings: ResolutionSettings) -> None:
        self.view = view
        self.doc: Doc = view.doc
        self.settings = settings
        self.cast = Cast(view, settings.cast_settings())
        self.describer = Describer(
            self.cast,
            view,
            DescriptionSettings(
                settings.description_window_sentences,
                settings.description_lookahead_paragraphs,
                settings.antecedent_limit,
                settings.description_lede_paragraphs,
                settings.headline_max_words,
            ),
        )
        self.current: _Current | None = None
        self.unnamed: dict[str, Person] = {}
        self.headline_only: set[int] = set()
        """Unnamed records only the headline describes (``Popular Website Shows ...``): no
        later description (``the website``) is them."""
        self._author: Person | None = None
        self.labels: dict[int, DocSpan] = {}
        """Paragraph → the transcript label (``PENCE``) that opens it."""

    def read_labels(self, quotes: list[Quote]) -> None:
        for quote in quotes:
            if quote.via == "transcript" and quote.speaker is not None:
                span = self.span_of(quote.speaker.start, quote.speaker.end)
                if span is not None:
                    self.labels[self.view.paragraph_of(quote.speaker.start)] = span

    # -- mentions ------------------------------------------------------------------------

    def span_of(self, start: int, end: int) -> DocSpan | None:
        view = self.view
        first, last = view.token_at(start), view.token_at(max(start, end - 1))
        span = self.doc[first : last + 1]
        while len(span) and (span[-1].is_punct or span[-1].is_space):
            span = span[:-1]
        return span if len(span) else None

    def resolve(self, quote: Quote) -> tuple[Person | None, str]:
        """Who said ``quote`` and how that was found; the mention may be corrected (a
        transcript label, a dateline dropped)."""
        if quote.speaker is None:
            return None, "unresolved"
        mention = self.span_of(quote.speaker.start, quote.speaker.end)
        if mention is None:
            return None, "unresolved"
        if quote.via == "transcript":
            return self.transcript_label(mention), "transcript"
        label = self.labels.get(self.view.paragraph_of(quote.start))
        if label is not None and label.start_char >= quote.start - LABEL_SLACK:
            # '"PENCE: Well, ...': the turn's label owns the quote that opens it
            quote.speaker = TextSpan.of(self.view.text, label.start_char, label.end_char)
            return self.transcript_label(label), "transcript"
        swallowed = self._surname_in_date(mention)
        if swallowed is not None:
            # "Last week Brenner in a radio interview said": a known surname swallowed by the date
            person = self.cast.person_for_name(clean_name(swallowed.text), swallowed.idx)
            if person is not None:
                end = swallowed.idx + len(swallowed.text)
                quote.speaker = TextSpan.of(self.view.text, swallowed.idx, end)
                return person, "name"
        if mention.root.ent_type_ in NOT_SPEAKER_ENTITIES:
            # "Velmora police Chief Ola Dahl said Monday", parsed with "Monday" as subject
            mention = self._name_before_cue(quote) or mention
            if mention.root.ent_type_ in NOT_SPEAKER_ENTITIES:
                return None, "unresolved"
            quote.speaker = TextSpan.of(self.view.text, mention.start_char, mention.end_char)
        corrected = self._after_dateline(mention, quote)
        if corrected is not mention:
            mention = corrected
            quote.speaker = TextSpan.of(self.view.text, mention.start_char, mention.end_char)
        person, how = self.mention(mention)
        if person is not None and quote.via in CONTINUATION_RULES:
            how = "continuation"
        return person, how

    def _surname_in_date(self, mention: DocSpan) -> Token | None:
        """In a mention tagged a date, the subject that is a capitalised proper noun, no day
        or month, and someone's surname here."""
        if mention.root.ent_type_ not in NOT_SPEAKER_ENTITIES:
            return None
        for token in mention:
            if (
                token.dep_ in ("nsubj", "nsubjpass")
                and token.pos_ == "PROPN"
                and token.text[:1].isupper()
                and token.lower_ not in CALENDAR_WORDS
                and surname_key(token.text) in self.cast.by_surname
            ):
                return token
        return None

    def _name_before_cue(self, quote: Quote) -> DocSpan | None:
        """The nearest person named right before the cue, outside quotation marks."""
        if quote.cue is None:
            return None
        cue = self.view.token_at(quote.cue.start)
        for i in range(cue - 1, max(-1, cue - 1 - FRAME_TOKENS), -1):
            if self.cast.quoted(i) or "\n" in self.doc[i].text:
                break
            ent = self.cast.entity_at(self.doc[i])
            if ent is not None and ent.label_ == "PERSON":
                return ent
        return None

    def _after_dateline(self, mention: DocSpan, quote: Quote) -> DocSpan:
        """``VELMORA -- Mayor Ana Ruiz said``: a dateline is never the speaker; the
        speaker is what follows its dash, up to the cue."""
        doc = self.doc
        start = mention.start
        if start > 0 and "\n" not in doc[start - 1].text + doc[start - 1].whitespace_:
            return mention
        for i in range(start, min(start + DATELINE_TOKENS, len(doc))):
            if doc[i].text not in DATELINE_DASHES:
                continue
            place = doc[start:i]
            if not place.text.split(",")[0].isupper():
                return mention
            end = mention.end
            if quote.cue is not None and quote.cue.start > doc[i].idx:
                end = self.view.token_at(quote.cue.start)
            after = doc[i + 1 : max(end, i + 2)]
            for t in after:  # "Mayor Ruiz, opening the museum on Saturday,"
                if t.text in (",", "(") and any(x.pos_ == "PROPN" for x in doc[after.start : t.i]):
                    after = doc[after.start : t.i]
                    break
            while len(after) > 1 and (after[-1].is_punct or after[-1].is_space):
                after = after[:-1]
            return after
        return mention

    def transcript_label(self, mention: DocSpan) -> Person | None:
        name = clean_name(shout_to_title(mention.text))
        return self.cast.person_for_name(name, mention.start_char) if name else None

    def mention(self, mention: DocSpan) -> tuple[Person | None, str]:
        root = mention.root
        lower = root.lower_
        at = mention.start_char
        if (root.pos_ == "PRON" or root.tag_ in ("WP", "PRP", "PRP$", "WDT")) and not (
            root.ent_type_ in NAME_ENTITIES and root.is_title
        ):  # "O’Neil" tagged PRP is still a name
            if lower in RELATIVE_PRONOUNS:
                return self.relative(root)
            liked = self._members_named(mention, root) if lower in LIKENESS_PRONOUNS else None
            if liked is not None:
                return liked, "name"
            return self.pronoun(mention, root, at)
        owner = _possessive_pronoun(root)
        if owner is not None:  # "her account", "his best response"
            return self.personal(PRONOUN_SEX[owner.lower_], owner, owner.idx), "pronoun"
        named = self.named(mention, root)
        if named is not None:
            return named, "name"
        if root.pos_ in ("NOUN", "PROPN", "ADJ", "NUM", "DET", "PRON"):
            found = self.description(mention, root, at)
            if found is not None:
                return found, "description"
        return self.unnamed_source(mention, root), "description"

    def relative(self, root: Token) -> tuple[Person | None, str]:
        """``Smith, who said ...``: who is the noun the clause hangs from."""
        verb = root.head
        if verb.dep_ == "relcl" and verb.head.i != root.i:
            head = verb.head
            span = self.doc[head.left_edge.i : head.i + 1]
            person, _how = self.mention(span)
            return person, "relative"
        # parsed otherwise: the name right before it ("the Velmora Police Department which")
        i = root.i - 1
        while i >= 0 and self.doc[i].is_punct and root.i - i <= RELATIVE_GAP_TOKENS:
            i -= 1
        ent = self.cast.entity_at(self.doc[i]) if i >= 0 else None
        if ent is not None and ent.label_ in NAME_ENTITIES:
            person = self.cast.person_of_entity(ent)
            if person is not None:
                return person, "relative"
        return None, "unresolved"

    # -- names ---------------------------------------------------------------------------

    def named(self, mention: DocSpan, root: Token) -> Person | None:
        cast = self.cast
        ent = cast.entity_at(root)
        if ent is not None:
            if ent.label_ == "PERSON" and len(ent) == 1 and root.tag_ in ("NNPS", "NNS"):
                return None  # "Scholars say ...": a plural common noun the tagger capitalised
            if ent.label_ == "PERSON":
                group = cast.group_of_ent.get(cast.ent_of_token[ent.start])
                if group is not None and mention.start <= ent.start and group_in(mention, root):
                    return group
                return cast.person_of_entity(ent) or self._name(ent.text, ent.start_char)
            if ent.label_ in ("ORG", "GPE") and root.tag_ not in ("NNS",):
                # one word tagged ORG that is a known surname is the person ("Varga")
                person = cast.person_of_entity(ent)
                if person is not None and person.kind == "person":
                    return person
                if len(ent) == 1 and cast.is_surname(surname_key(ent.text)):
                    return self._name(ent.text, ent.start_char)
                return cast.person_for_name(
                    organisation_name(ent.text), ent.start_char, kind="organization"
                )
            if ent.label_ == "NORP":
                if len(ent) == 1 and cast.known_surname(ent):  # "Varga" tagged NORP
                    return self._name(ent.text, ent.start_char)
                if _singular_member(ent, root):
                    return None  # "The Republican": one person described, not the party
                return cast.person_for_name(mention.text, mention.start_char, kind="group")
        if root.pos_ == "PROPN" and not is_role_word(root.text) and root.tag_ != "NNPS":
            return self._person_before_tag(mention, root) or self._proper_noun_run(mention, root)
        surnamed = self._surname_mistagged(root)
        if surnamed is not None:
            return surnamed
        if root.pos_ in ("NOUN", "NUM", "PRON"):
            return (
                self._appositive_name(mention, root)
                or self._team_of(root)
                or self._author_of(mention, root)
                or self._members_named(mention, root)
            )
        return None

    def _person_before_tag(self, mention: DocSpan, root: Token) -> Person | None:
        """``Sen. Ada Finch (D-Mo.)`` parsed with ``Mo.`` as its head: a head inside a
        bracketed party tag is no name; the person named right before the bracket is."""
        doc = self.doc
        opening = next(
            (
                i
                for i in range(root.i - 1, max(mention.start, root.i - TAG_TOKENS) - 1, -1)
                if doc[i].text == "("
            ),
            None,
        )
        if opening is None or opening == mention.start:
            return None
        ent = self.cast.entity_at(doc[opening - 1])
        if ent is None or ent.label_ != "PERSON" or ent.end != opening:
            return None
        return self.cast.person_of_entity(ent) or self._name(ent.text, ent.start_char)

    def _surname_mistagged(self, root: Token) -> Person | None:
        """``Brenner last night also hinted``, with ``Brenner`` tagged a noun: a capitalised word
        that is the surname of exactly one person named in full here is that person."""
        if not root.is_title or root.pos_ in ("PROPN", "PRON"):
            return None
        return self.cast.only_person_surnamed(root.text) or self.cast.only_person_misspelt(
            root.text
        )

    def _members_named(self, mention: DocSpan, root: Token) -> Person | None:
        """``Other unions, including the AFT and the AFL-CIO,``: a plural described by the
        names it includes is those named (one, or the group of them)."""
        likeness = self.settings.someone_like and root.lower_ in LIKENESS_PRONOUNS
        if (root.tag_ != "NNS" and not likeness) or any(
            t.lower_ in QUANTIFIERS or t.like_num for t in root.lefts
        ):
            return None  # "many fishermen, including X": X is one example of many
        members: list[Person] = []
        for prep in root.children:
            if prep.dep_ != "prep" or prep.lower_ not in MEMBER_PREPOSITIONS:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                for token in [obj, *obj.conjuncts]:
                    person = self._named_token(token, mention)
                    if person is not None and person not in members:
                        members.append(person)
        if likeness and (len(members) != 1 or members[0].kind != "person"):
            return None  # "someone like Vik and Ruiz": no one person
        if not members or (
            root.lemma_ in ORGANISATION_NOUNS and any(p.kind != "organization" for p in members)
        ):
            return None  # "shipping firms, including Nordlys" with Nordlys tagged a person
        return members[0] if len(members) == 1 else self.cast.group_of(members, root.idx)

    def _named_token(self, token: Token, mention: DocSpan) -> Person | None:
        """The person or organisation a name inside the mention stands for."""
        ent = self.cast.entity_at(token)
        if ent is None or not mention.start <= token.i < mention.end:
            return None
        if ent.label_ == "PERSON":
            return self.cast.person_of_entity(ent) or self._name(ent.text, ent.start_char)
        if ent.label_ == "ORG":
            name = organisation_name(ent.text)
            return self.cast.person_for_name(name, ent.start_char, kind="organization")
        return None

    def _name(self, text: str, at: int) -> Person | None:
        name = clean_name(text)
        return self.cast.person_for_name(name, at) if name else None

    def _proper_noun_run(self, mention: DocSpan, root: Token) -> Person | None:
        """A name the tagger missed: the proper nouns ending at the head."""
        start = root.i
        while start > mention.start and self.doc[start - 1].pos_ == "PROPN":
            start -= 1
        text = self.doc[start : root.i + 1].text
        name = clean_name(text)
        if not name:
            return None
        if self.cast.is_surname(surname_key(name)) or len(name.split()) > 1:
            person = self.cast.person_for_name(
                name, mention.start_char, introduced=introduced_on_its_own(root)
            )
            if person is not None:  # "said Ana Ruiz, the mayor of Velmora": her role too
                self.cast.describe_from_context(person, self.doc[start : root.i + 1])
            return person
        return self.cast.person_for_name(name, mention.start_char, kind="organization")

    def _appositive_name(self, mention: DocSpan, root: Token) -> Person | None:
        """``Another engineer, former harbour master Ilse Varga,``: the name in the appositive;
        ``John Miller, a night clerk who said ...``: the name the description is in apposition
        to."""
        if root.dep_ == "appos":
            ent = self.cast.entity_at(root.head)
            if ent is not None and ent.label_ == "PERSON":
                return self.cast.person_of_entity(ent) or self._name(ent.text, ent.start_char)
        for child in root.children:
            if child.dep_ != "appos" or not (mention.start <= child.i < mention.end):
                continue
            ent = self.cast.entity_at(child)
            person = self.cast.nicknamed_at(child.idx)  # 'state Sen. Jorun "Rune" Vik'
            if person is None and ent is not None and ent.label_ == "PERSON":
                person = self.cast.person_of_entity(ent) or self._name(ent.text, ent.start_char)
            if person is not None:
                person.describe(None, role_phrases(root), [])
                return person
        return self._name_after_comma(mention, root)

    def _name_after_comma(self, mention: DocSpan, root: Token) -> Person | None:
        """``A lawyer for Brun, Oskar Thal,`` or ``Kessel's cousin, state Sen.
        Jorun Vik,``, with the name parsed as part of the description's own phrase: a
        person's name right after the description's first comma, ending the mention or
        followed by a comma, is who the description is."""
        if root.tag_ in ("NNS", "NNPS"):
            return None  # 'many fishermen, including X': one example of many
        comma = next((t.i for t in mention if t.i > root.i and t.text == ","), None)
        if comma is None:
            return None
        k = comma + 1
        while k < mention.end and (
            is_honorific(self.doc[k].text)
            or (self.doc[k].is_lower and self.doc[k].pos_ in ("ADJ", "NOUN"))
        ):
            k += 1  # 'state Del.', 'former envoy'
        if k >= mention.end:
            return None
        nicknamed = self.cast.nicknamed_at(self.doc[k].idx)  # 'Jorun "Rune" Vik'
        if nicknamed is not None:
            nicknamed.describe(None, role_phrases(root), [])
            return nicknamed
        ent = self.cast.entity_at(self.doc[k])
        if ent is None or ent.label_ != "PERSON" or ent.start <= comma:
            return None
        if ent.end < mention.end and self.doc[ent.end].text not in (",", "("):
            return None
        person = self.cast.person_of_entity(ent)
        if person is None or person.kind != "person":
            return None
        person.describe(None, role_phrases(root), [])
        return person

    def _author_of(self, mention: DocSpan, root: Token) -> Person | None:
        """``an analysis by Ilse Varga``, ``the IMF report``, ``Mrs. Hayes's plan``:
        a document speaks for whoever the phrase names as its author; for the publication it
        ran in (``a study published in the Journal``) only when it names no author (``a
        letter by Mayor Ruiz that appeared in the Gazette`` is never the Gazette's)."""
        if root.lemma_.lower() not in DOCUMENT_NOUNS:
            return None
        authors = [c for c in root.children if c.dep_ in ("poss", "compound")]
        publishers: list[Token] = []
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ == "by":
                authors += [c for c in prep.children if c.dep_ == "pobj"]
        described = [root] + [
            obj  # "a transcript of the hearing, posted by the institute"
            for prep in root.children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for obj in prep.children
            if obj.dep_ == "pobj"
        ]
        for verb in (c for phrase in described for c in phrase.children):
            if verb.dep_ == "acl":  # "a report released by the agency"
                for agent in verb.children:
                    if agent.dep_ == "agent":
                        authors += [c for c in agent.children if c.dep_ == "pobj"]
            if verb.dep_ == "relcl":  # "a speech Mrs. Hayes delivered"
                authors += [c for c in verb.children if c.dep_ == "nsubj"]
            if verb.dep_ in ("acl", "relcl") and verb.lemma_ in PUBLISHED_IN_VERBS:
                # "a study that appeared in the Journal", "a report published in the Ledger"
                publishers += [
                    obj
                    for prep in verb.children
                    if prep.dep_ == "prep" and prep.lower_ == "in"
                    for obj in prep.children
                    if obj.dep_ == "pobj"
                ]
        authors = [t for t in authors if mention.start <= t.i < mention.end]
        # "a study that appeared", "the health study": no author named
        named = [
            t for t in authors if t.pos_ == "PROPN" or (t.pos_ == "NOUN" and t.dep_ != "compound")
        ]
        for token in authors if named else publishers:
            if not mention.start <= token.i < mention.end:
                continue
            ent = self.cast.entity_at(token)
            if ent is not None and ent.label_ in ("PERSON", "ORG"):
                person = self.cast.person_of_entity(ent)
                if person is not None:
                    return person
                kind = "person" if ent.label_ == "PERSON" else "organization"
                name = clean_name(ent.text) if kind == "person" else organisation_name(ent.text)
                return self.cast.person_for_name(name, ent.start_char, kind=kind)
        return None

    def _team_of(self, root: Token) -> Person | None:
        """``the Brenner campaign``, ``Ruiz's team``: an organisation named after a person."""
        if root.lemma_ not in TEAM_NOUNS:
            return None
        for child in root.lefts:
            ent = self.cast.entity_at(child)
            if child.dep_ in ("compound", "poss") and ent is not None and self._names_person(ent):
                owner = clean_name(ent.text).split()[-1]
                team = TEAM_NAMES.get(root.lemma_, root.lemma_)
                return self.cast.person_for_name(f"{owner} {team}", root.idx, kind="organization")
        return None

    def _governing_team(self, root: Token) -> Person | None:
        """``The Brenner campaign is seeking to contrast her record with what they call
        ...``: a ``they`` or ``it`` in a clause hanging from a verb whose subject is a
        person's campaign or team is that team, unless a noun that may be the pronoun's
        own antecedent comes between (``hired pollsters after they said``: the pollsters)."""
        for verb in root.ancestors:
            for child in children_of(verb):
                if child.dep_ in ("nsubj", "nsubjpass") and child.i != root.i:
                    team = self._team_of(child)
                    if team is not None:
                        return None if _antecedent_between(child, root) else team
        return None

    def _names_person(self, ent: DocSpan) -> bool:
        """A PERSON entity, or one word tagged otherwise that is a surname named here
        (``the Brenner campaign`` with ``Brenner`` tagged ORG)."""
        if ent.label_ == "PERSON":
            return True
        return len(ent) == 1 and self.cast.is_surname(surname_key(ent.text))

    # -- pronouns ------------------------------------------------------------------------

    def pronoun(self, mention: DocSpan, root: Token, at: int) -> tuple[Person | None, str]:
        lower = root.lower_
        sex = PRONOUN_SEX.get(lower)
        if sex is not None:
            person = self.personal(sex, root, at)
            if person is not None and person.kind == "person" and person.sex is None:
                # "Petr Dvorak disagreed. He said ...": a later "she" is not Dvorak
                person.sex_votes[sex] += 1
            return person, "pronoun"
        if lower in GROUP_PRONOUNS or lower in THING_PRONOUNS:
            team = self._governing_team(root)
            if team is not None:
                return team, "pronoun"
        if (
            lower in GROUP_PRONOUNS
            and self.settings.object_people_antecedent
            and _people_object_before(root)
        ):
            return None, "unresolved"  # 'The campaign praised the union leaders because they'
        if lower in THING_PRONOUNS and self._current_thing(at) is not None:
            # "..., the audit says. It also finds": still the audit
            return self._current_thing(at), "pronoun"
        if lower in GROUP_PRONOUNS or lower in THING_PRONOUNS:
            return self.organisation_pronoun(at, lower), "pronoun"
        if lower in AUTHOR_PRONOUNS:
            return self.author(), "pronoun"
        if lower in DISTRIBUTIVES and not any(c.dep_ == "prep" for c in root.children):
            # "Halvorsen and Castell debated ... Each said": each of the pair just named
            return self._latest_group(root, at), "pronoun"
        if lower in QUANTIFIERS and any(c.dep_ == "prep" for c in root.children):
            # "many of his supporters": a group described; a bare "some" names no one
            return self.unnamed_source(mention, root), "description"
        return None, "unresolved"

    def personal(self, sex: str, root: Token, at: int) -> Person | None:
        settings = self.settings
        paragraph = self.view.paragraph_of(at)
        sentence = self.cast.sentence_of_token[root.i]
        window = self.cast.mentions_before(
            at, paragraph - settings.pronoun_window_paragraphs, settings.antecedent_limit
        )
        window = [m for m in window if m.person.kind == "person" and m.sentence != sentence]
        current = self.current
        if current is not None and (
            paragraph - current.paragraph > settings.continuity_window_paragraphs
            or current.person is self._author
        ):
            current = None  # out of reach, or the writer: "I" is never "she"
        since = [m for m in window if current is None or m.at > current.at]
        found = _agreeing(self._governing_subjects(root, sentence, at), sex)
        if found is None:
            found = self._introduced(since, paragraph - 1, sex)
        if found is None:
            subjects = [m for m in since if m.subject and not self._subordinate(m)]
            found = _agreeing(subjects, sex)
            described = self._described_subject(sentence - 1, paragraph, sex)
            if described is not None and not any(m.sentence >= sentence - 1 for m in subjects):
                # "the mayor looked tired. ..., she told reporters": a role as subject
                found = described
        if found is None:
            found = self._only_person_of_sentence_before(window, at, sentence, paragraph, sex)
        if found is not None:
            return found
        if current is not None and (
            (current.person.kind == "person" and current.person.sex in (sex, None))
            or (current.person.kind == "unnamed" and current.person.sex == sex)
        ):
            # "A spokeswoman said ... she added": still the spokeswoman, still unnamed
            return current.person
        # further back, a person of unknown sex is only taken as a subject
        found = _agreeing([m for m in window if m.subject], sex) or _strictly_agreeing(window, sex)

        if found is not None:
            return found
        # Nobody fits nearby: the latest agreeing subject further back, else the speaker.
        earlier = self.cast.mentions_before(at, -1, settings.antecedent_limit)
        found = _agreeing([m for m in earlier if m.subject and m.person.kind == "person"], sex)
        last = self.current
        if (
            found is None
            and last is not None
            and last.person is not self._author
            and (last.person.sex == sex)
        ):
            return last.person
        return found

    def _only_person_of_sentence_before(
        self, window: list[Mention], at: int, sentence: int, paragraph: int, sex: str
    ) -> Person | None:
        """``The station said it would move Ms. Dahl to the night shift. She declined``: when the
        sentence right before, in the same paragraph, has no one for its subject and names
        one person only, of known and agreeing sex, she is who the pronoun takes up; not when
        the pronoun's own sentence names an agreeing person before it."""
        own = self.cast.mentions_before(at, paragraph, self.settings.antecedent_limit)
        if any(m.sentence == sentence and m.person.sex == sex for m in own):
            return None
        before = [m for m in window if m.sentence == sentence - 1 and m.paragraph == paragraph]
        people = {id(m.person): m.person for m in before}
        if len(people) != 1 or any(m.subject for m in before):
            return None
        person = next(iter(people.values()))
        if person.sex != sex or self._someone_in(sentence - 1):
            return None
        return person

    def _someone_in(self, sentence: int) -> bool:
        """Whether the sentence may be about a person besides the names it holds: its main
        subject is a person, a pronoun or a noun of people, or a he/she appears in it."""
        for token in self.cast.sentences[sentence]:
            if self.cast.quoted(token.i):
                continue
            if token.lower_ in PRONOUN_SEX and token.pos_ == "PRON":
                return True  # 'What upset her most, she said, was ...'
            main_subject = token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ROOT"
            if main_subject and _may_be_someone(token, self.cast):
                return True
        return False

    def _subordinate(self, mention: Mention) -> bool:
        """``The road stays closed, should Sulc reopen it ...``: the subject of an
        adverbial clause, or of an inverted clause (a condition or a question, its auxiliary
        before it), does not take the passage over from the current speaker."""
        verb = self.doc[mention.verb]
        if verb.dep_ in SUBORDINATE_CLAUSE_DEPS and not _clause_keeps_subject(verb):
            return True
        return any(c.dep_ in ("aux", "auxpass") and c.i < mention.token for c in verb.children)

    def _introduced(self, since: list[Mention], min_paragraph: int, sex: str) -> Person | None:
        """``..., which troubles Henrik Aalto, chairman of the boat owners.`` then ``"...," he
        said``: a person of known, agreeing sex introduced with a role appositive for the
        first time since the current speaker spoke, in this or the previous paragraph, with no
        subject named after them, is the source being introduced."""
        for m in since:  # latest first
            if m.paragraph < min_paragraph or m.subject:
                return None
            if any(o.subject and o.verb == m.verb for o in since):
                return None  # 'Jon Smith met Henrik Aalto, president of ...': Smith leads
            if m.at == m.person.first_seen and m.person.sex == sex:
                name_root = self.doc[m.token]
                while name_root.dep_ in ("compound", "flat") and name_root.head.i > name_root.i:
                    name_root = name_root.head
                if any(c.dep_ == "appos" for c in name_root.children):
                    return m.person
        return None

    def _described_subject(self, sentence: int, paragraph: int, sex: str) -> Person | None:
        """The person a definite role description (``the president``) that is the main subject
        of ``sentence`` (or its owner) stands for, when one person known to agree fits."""
        if sentence < 0:
            return None
        sent = self.cast.sentences[sentence]
        if self.view.paragraph_of(sent.start_char) != paragraph:
            return None
        for token in sent:
            if token.dep_ not in SUBJECT_DEPS or self.cast.quoted(token.i):
                continue
            subject = token.head if token.dep_ == "poss" else token
            if subject.dep_ not in SUBJECT_DEPS or subject.head.dep_ != "ROOT":
                continue  # only the main clause's subject carries the passage
            span = self.doc[token.left_edge.i : token.i + 1]
            person = self.described(span, token)
            if person is not None and person.kind == "person" and person.sex == sex:
                return person
        return None

    def _governing_subjects(self, root: Token, sentence: int, at: int) -> list[Mention]:
        """``Oren Gale drew boos after he asked``: the subject of a verb the pronoun's
        clause hangs from, in the same sentence."""
        ancestors = {t.i for t in root.ancestors}
        return [
            m
            for m in self.cast.mentions_before(at, -1, self.settings.antecedent_limit)
            if m.sentence == sentence and m.subject and m.verb in ancestors
        ]

    def _current_thing(self, at: int) -> Person | None:
        """The current speaker when it is an unnamed thing of no sex (``the report``) in
        this or the previous paragraph."""
        current = self.current
        if current is None or current.person.kind != "unnamed" or current.person.sex:
            return None
        if current.person is self._author or current.person.role_sex:
            return None
        if (
            self.view.paragraph_of(at) - current.paragraph
            > self.settings.thing_continuity_paragraphs
        ):
            return None
        return current.person

    def _latest_group(self, root: Token, at: int) -> Person | None:
        """The group of named people or organisations last named in this sentence or the one
        before it, if any."""
        sentence = self.cast.sentence_of_token[root.i]
        paragraph = self.view.paragraph_of(at)
        for m in self.cast.orgs_before(at, paragraph - 1, self.settings.antecedent_limit):
            if m.sentence < sentence - 1:
                return None
            if m.person.kind == "group" and " and " in m.person.name:
                return m.person
        return None

    def organisation_pronoun(self, at: int, lower: str) -> Person | None:
        """``it``/``they``: an organisation or group named as a subject since the current
        speaker spoke, else the current speaker if it is one, else the latest such subject.
        A ``they`` whose latest possible antecedent is a plural noun (``Local residents
        protested. They said``) stays unresolved rather than going to an organisation."""
        current = self.current
        paragraph = self.view.paragraph_of(at)
        window = self.settings.group_pronoun_window_paragraphs
        orgs = self.cast.orgs_before(at, paragraph - window, self.settings.antecedent_limit)
        subjects = [m for m in orgs if m.subject]
        since = [m for m in subjects if current is None or m.at > current.at]
        plural_at = self._plural_subject_before(at) if lower in GROUP_PRONOUNS else None
        if plural_at is not None and current is not None and plural_at < current.at:
            plural_at = None  # the plural is how the current speaker was introduced
        if plural_at is not None and (not since or plural_at > since[0].at):
            return None
        if since and lower in GROUP_PRONOUNS and self._met_people(since[0]):
            return None  # 'The Courier interviewed 12 former employees. They described'
        if since:
            return since[0].person
        if (
            current is not None
            and current.person.kind in ("organization", "group")
            and paragraph - current.paragraph <= window
        ):
            return current.person
        if subjects and (plural_at is None or subjects[0].at > plural_at):
            return subjects[0].person
        return None

    def _met_people(self, mention: Mention) -> bool:
        """The organisation's verb has people as its object (``interviewed former crew
        members``): a ``they`` after it may be them as well as the organisation."""
        verb = self.doc[mention.verb]
        return any(
            c.dep_ == "dobj"
            and c.tag_ == "NNS"
            and c.lemma_.lower() in PEOPLE_NOUNS
            and not self.cast.quoted(c.i)
            for c in verb.children
        )

    def _plural_subject_before(self, at: int) -> int | None:
        """Offset of the latest plural common noun that is the subject of a main clause in the
        sentence of ``at`` or the one before (``residents``), if any; looks back a bounded
        stretch."""
        doc = self.doc
        end = self.view.token_at(at)
        sentence = self.cast.sentence_of_token[end]
        for i in range(end - 1, max(-1, end - PLURAL_SUBJECT_LOOKBACK_TOKENS), -1):
            if self.cast.sentence_of_token[i] < sentence - 1:
                break
            token = doc[i]
            if (
                token.dep_ in ("nsubj", "nsubjpass")
                and token.head.dep_ == "ROOT"
                and token.tag_ == "NNS"
                and not token.ent_type_
                and self.view.quote_of_token[i] < 0
            ):
                return token.idx
        return None

    # -- descriptions --------------------------------------------------------------------

    def description(self, mention: DocSpan, root: Token, at: int) -> Person | None:
        """``the GOP nominee``: the one person introduced with that role (or the one
        person the passage is about); ``the spokeswoman`` after ``a spokeswoman``: still
        that unnamed one."""
        found = (
            self.describer.by_role(mention, root)
            or same_unnamed(
                root, [p for p in self.unnamed.values() if id(p) not in self.headline_only]
            )
            or self.describer.by_context(mention, root, at)
        )
        # a headline's "Retired General" would read as a name: no alias
        if found is not None and found.kind not in UNNAMED_KINDS and not is_headline_role(root):
            found.add_alias(mention.text)
        return found

    def described(self, mention: DocSpan, root: Token) -> Person | None:
        """The one person or organisation introduced with a definite description's role."""
        return self.describer.by_role(mention, root)

    def unnamed_source(self, mention: DocSpan, root: Token) -> Person | None:
        """``a spokeswoman``, ``officials familiar with the matter``: described, never named."""
        core = _core(mention, root)
        text = strip_article(core.text.strip(" ,"))
        if not text or (len(core) == 1 and root.is_stop):
            return None  # "some", "all": function words are nobody
        plural = root.tag_ in ("NNS", "NNPS") or any(t.lower_ in QUANTIFIERS for t in root.lefts)
        plural = plural or root.lower_ in QUANTIFIERS or root.like_num
        record = self.unnamed_record(text, "group" if plural else "unnamed")
        if self.cast.in_title_cased_headline(mention.start_char):
            if record.description is None:
                self.headline_only.add(id(record))
        else:
            self.headline_only.discard(id(record))
        record.description = mention.text.strip(" ,")
        if root.pos_ == "NOUN" and not plural:
            record.describe(None, [root.lower_], [])
        return record

    def author(self) -> Person:
        """The ``I`` outside quotation marks: the writer, named when the article closes on a
        biography (``Ana Ruiz is a playwright in Velmora.``), else unnamed."""
        if self._author is None:
            self._author = self._author_from_biography() or self.unnamed_record(AUTHOR, "unnamed")
        return self._author

    def _author_from_biography(self) -> Person | None:
        doc = self.doc
        if not len(doc):
            return None
        last = self.view.paragraph_of(doc[-1].idx)
        for sent in doc.sents:
            if self.view.paragraph_of(sent.start_char) != last:
                continue
            first = sent[0]
            ent = self.cast.entity_at(first)
            if ent is None or ent.label_ != "PERSON" or ent.start != sent.start:
                continue
            verb = ent.root.head
            if ent.root.dep_ == "nsubj" and verb.lemma_ in BIOGRAPHY_VERBS:
                return self.cast.person_of_entity(ent) or self._name(ent.text, ent.start_char)
        return None

    def unnamed_record(self, text: str, kind: str) -> Person:
        """One record per description in the article (``a spokeswoman`` twice is one)."""
        key = f"{kind}:{text.lower()}"
        if key not in self.unnamed:
            self.unnamed[key] = Person(name=text, kind=kind, first_seen=-1)
        return self.unnamed[key]

    def spoke(self, person: Person | None, quote: Quote) -> None:
        if person is not None:
            self.current = _Current(person, quote.end, self.view.paragraph_of(quote.start))


PLURAL_NOUN_TAGS = frozenset({"NNS", "NNPS"})
SINGULAR_NOUN_TAGS = frozenset({"NN", "NNP"})
"""Tags of nouns a ``they`` or an ``it`` may stand for."""


def _people_object_before(pronoun: Token) -> bool:
    """``The campaign praised the union leaders because they said``: the pronoun's clause
    is an adverbial clause of a verb whose object, before it, is a plural noun for people,
    who may be the ``they`` as well as the verb's subject. Not a reported clause
    (``told reporters they would``: the teller)."""
    clause = pronoun.head
    if clause.dep_ != "advcl" or clause.head.i == clause.i:
        return False
    return any(
        c.dep_ == "dobj"
        and c.tag_ in PLURAL_NOUN_TAGS
        and c.i < pronoun.i
        and _names_people(c.lemma_.lower())
        for c in children_of(clause.head)
    )


def _antecedent_between(team: Token, pronoun: Token) -> bool:
    """Whether a noun of the pronoun's number stands between the team's phrase and the
    pronoun (``praised the union leaders because they said``), which it may stand for."""
    tags = PLURAL_NOUN_TAGS if pronoun.lower_ in GROUP_PRONOUNS else SINGULAR_NOUN_TAGS
    doc = pronoun.doc
    return any(t.tag_ in tags for t in doc[team.right_edge.i + 1 : pronoun.i])


def _may_be_someone(subject: Token, cast: Cast) -> bool:
    """A subject that may be a person: a pronoun but ``it``/``there``/``what``, a person or
    party member named, a known surname, or a common noun for people (``the radio host``)."""
    if subject.pos_ == "PRON":
        return subject.lower_ not in IMPERSONAL_SUBJECTS
    if subject.ent_type_ in ("PERSON", "NORP"):
        return True
    if subject.pos_ == "PROPN" and cast.is_surname(surname_key(subject.text)):
        return True
    return subject.pos_ == "NOUN" and _names_people(subject.lemma_.lower())


def _names_people(lemma: str) -> bool:
    """A common noun for a person or people: a role (``senator``), a noun of people
    (``voters``) or an agent noun (``talker``, ``strategist``, ``historian``)."""
    return lemma in PEOPLE_NOUNS or is_role_word(lemma) or lemma.endswith(AGENT_SUFFIXES)


def _possessive_pronoun(root: Token) -> Token | None:
    """``her`` in ``her account``: a document or statement whose author is a pronoun."""
    if root.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    return next((c for c in root.children if c.dep_ == "poss" and c.lower_ in PRONOUN_SEX), None)


def group_in(mention: DocSpan, root: Token) -> bool:
    """Whether the mention holds the head's coordinated names (``Ruiz and Brenner``)."""
    return any(mention.start <= c.i < mention.end for c in root.conjuncts)


def _singular_member(ent: DocSpan, root: Token) -> bool:
    """``The Republican``, ``a Democrat``: one member of a group, described by it."""
    return (
        root.tag_ in SINGULAR_NAME_TAGS
        and not root.text.endswith("s")
        and any(t.lower_ in ARTICLES for t in root.lefts)
    )


def _strictly_agreeing(mentions: list[Mention], sex: str) -> Person | None:
    """The latest person whose sex is known to agree."""
    return next((m.person for m in mentions if m.person.sex == sex), None)


def _agreeing(mentions: list[Mention], sex: str) -> Person | None:
    """The latest person whose known sex agrees; failing that, the latest of unknown sex."""
    unknown = None
    for m in mentions:
        person_sex = m.person.sex
        if person_sex == sex:
            return m.person
        if person_sex is None and unknown is None:
            unknown = m.person
    return unknown


def resolve_speakers(
    view: ArticleView | Doc, quotes: list[Quote], settings: ResolutionSettings | None = None
) -> list[Speaker]:
    """Give each quote a ``speaker_id``, ``speaker_name`` and ``resolved_by``; return the
    article's speakers. ``view`` is the article model the attribution passes used."""
    if isinstance(view, Doc):
        view = ArticleView(view, [])
    resolver = _Resolver(view, settings or ResolutionSettings())
    resolver.read_labels(quotes)
    speakers: list[Person] = []
    for quote in sorted(quotes, key=lambda q: q.start):
        person, how = resolver.resolve(quote)
        quote.resolved_by = how if person is not None else "unresolved"
        if person is None:
            quote.speaker_id = None
            quote.speaker_name = None
            continue
        if person.speaker_id is None:
            speakers.append(person)
            person.speaker_id = f"s{len(speakers)}"
        quote.speaker_id = person.speaker_id
        quote.speaker_name = person.name
        resolver.spoke(person, quote)
    return [
        Speaker(
            id=p.speaker_id or "",
            name=p.name,
            kind=p.kind,
            aliases=list(p.aliases),
            description=p.description,
            roles=list(p.roles),
            organizations=list(p.organizations),
        )
        for p in speakers
    ]


def _clause_keeps_subject(verb: Token) -> bool:
    """An adverbial clause whose subject is still the passage's topic: one that contrasts
    (``while Mr. Sanders wants more``), one that reports (``as Mr. Lund suggested``), or one
    opening a sentence whose main subject is a pronoun (``When Ms. Vey toured the state, she
    was met by crowds``: the pronoun is her)."""
    markers = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    if markers & CONTRASTIVE_MARKERS:
        return True
    if markers & REPORTING_MARKERS and verb.lemma_.lower() in SPEECH_VERBS | BELIEF_VERBS:
        return True
    main = verb.head
    return verb.i < main.i and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in PRONOUN_SEX for c in main.children
    )
