"""Hand-built articles for the corpus and API tests: one quote by one speaker, offsets right."""

from __future__ import annotations

from newsquotes.model import Article, Entity, Quote, Span, Speaker


def make_article(
    doc_id: str,
    quote: str,
    speaker: str,
    *,
    description: str | None = None,
    roles: tuple[str, ...] = (),
    organizations: tuple[str, ...] = (),
    outlet: str = "Harbour Gazette",
    published: str = "2024-03-02",
    url: str | None = None,
    quote_type: str = "direct",
    kind: str = "person",
) -> Article:
    """An article with one quote by one speaker, offsets consistent with the text."""
    text = f'"{quote}," said {speaker}'
    text += f", {description}." if description else "."
    qend = len(quote) + 3
    sstart = text.index(speaker)
    entities = [Entity(sstart, sstart + len(speaker), speaker, "PERSON")]
    for word in quote.split():
        if word[:1].isupper() and word.isalpha():
            start = text.index(word)
            entities.append(Entity(start, start + len(word), word, "GPE"))
    return Article(
        id=doc_id,
        text=text,
        title=f"Story {doc_id}",
        source=f"inbox/{doc_id}.txt",
        url=url,
        outlet=outlet,
        published=published,
        quotes=[
            Quote(
                "q1",
                quote_type,
                [(0, qend)],
                text[:qend],
                cue=Span.of(text, qend + 1, qend + 5),
                speaker=Span.of(text, sstart, sstart + len(speaker)),
                speaker_id="s1",
                speaker_name=speaker,
                confidence=0.9,
            )
        ],
        speakers=[Speaker("s1", speaker, kind, [], description, list(roles), list(organizations))],
        entities=entities,
    )


def make_story(
    doc_id: str,
    said: list[tuple[str, str, Speaker | None]],
    *,
    outlet: str | None = "Harbour Gazette",
    published: str = "2024-03-02",
    people: tuple[str, ...] = (),
) -> Article:
    """An article of several quotes: (quote, mention, the article's speaker or None when the
    mention resolved to no one); ``people`` are further PERSON names its text holds."""
    text, quotes, speakers = "", [], []
    for n, (words, mention, speaker) in enumerate(said, start=1):
        start = len(text)
        text += f'"{words}," {mention} said. '
        qend = start + len(words) + 3
        mstart = qend + 1
        if speaker is not None and speaker not in speakers:
            speakers.append(speaker)
        quotes.append(
            Quote(
                f"q{n}",
                "direct",
                [(start, qend)],
                text[start:qend],
                cue=Span.of(text, mstart + len(mention) + 1, mstart + len(mention) + 5),
                speaker=Span.of(text, mstart, mstart + len(mention)),
                speaker_id=speaker.id if speaker else None,
                speaker_name=speaker.name if speaker else mention,
                confidence=0.9,
            )
        )
    entities = []
    for name in people:
        start = len(text)
        text += f"{name} was there. "
        entities.append(Entity(start, start + len(name), name, "PERSON"))
    return Article(
        id=doc_id,
        text=text,
        title=f"Story {doc_id}",
        source=f"inbox/{doc_id}.txt",
        outlet=outlet,
        published=published,
        quotes=quotes,
        speakers=speakers,
        entities=entities,
    )
