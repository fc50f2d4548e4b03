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
