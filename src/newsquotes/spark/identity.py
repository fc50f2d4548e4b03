"""Cross-article speaker identity over the Spark tables, by the rules the local corpus uses.

The corpus decides, mention by mention in the order articles are stored, which global speaker a
mention is (:func:`newsquotes.resolve.identity.match_identity` over the stored speakers that
share a name key, surname or alias key with it). Here the same decisions are replayed:

1. Every mention (an article's speaker, or the bare name of a quote's speaker) gets its
   *tokens*: every key the corpus could look it up by or file it under.
2. Mentions that share a token, directly or through others, form one *block* (union-find over
   the distinct token sets). A mention's candidates always lie in its own block.
3. Each block replays its mentions in input order through :class:`IdentityReplay`, which keeps
   the speakers table as the corpus keeps it and asks ``match_identity`` and
   ``canonical_name``. Blocks are independent, so they run in parallel.

Duplicate articles (same source, URL or text as an earlier one) add no mentions, as in the
corpus. :class:`IdentityReplay` mirrors ``Corpus._resolve``/``Corpus._candidates``; it is the one
place to change when the corpus's identity rule changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..resolve.identity import (
    Identity,
    Mention,
    canonical_name,
    is_surname_only,
    match_identity,
    normalise_name,
    surname,
)
from .rows import NAME_KEY_PREFIX, quote_speaker_key

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

PERSONAL_KINDS = ("person", "unknown")
GROUP_KINDS = ("organization", "group")

IDENTITY_DDL = (
    "seq BIGINT, speaker_key STRING, identity STRING, identity_name STRING, identity_kind STRING"
)


@dataclass(frozen=True, slots=True)
class MentionRow:
    """One mention in input order: ``(seq, position)`` sorts them as the corpus meets them."""

    seq: int
    position: int
    key: str
    """The article's speaker id, or ``name:`` + the quote's speaker name."""
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    described: bool = True
    """An article's Speaker record (its roles join the identity), not a bare quote name."""


def article_mentions(seq: int, article: dict[str, Any]) -> list[MentionRow]:
    """The mentions one stored article adds, in the corpus's order: its speakers, then each
    new bare name of a quote whose speaker is not one of them."""
    mentions = [
        MentionRow(
            seq,
            position,
            str(sp["id"]),
            str(sp["name"]),
            str(sp.get("kind") or "unknown"),
            tuple(sp.get("aliases") or ()),
            tuple(sp.get("roles") or ()),
            tuple(sp.get("organizations") or ()),
        )
        for position, sp in enumerate(article["speakers"])
    ]
    speaker_ids = {m.key for m in mentions}
    seen: set[str] = set()
    for quote in article["quotes"]:
        key = quote_speaker_key(quote, speaker_ids)
        if key is None or key in speaker_ids or key in seen:
            continue
        seen.add(key)
        name = key[len(NAME_KEY_PREFIX) :]
        mentions.append(MentionRow(seq, len(mentions), key, name, "unknown", described=False))
    return mentions


def mention_tokens(mention: MentionRow) -> frozenset[str]:
    """Every key the corpus may look this mention up by or store its speaker under (names and
    aliases as person and as organisation names, and surnames): a superset, so blocks are
    never too small."""
    tokens: set[str] = set()
    for name in (mention.name, *mention.aliases):
        tokens.add(normalise_name(name, "person"))
        tokens.add(normalise_name(name, "organization"))
        tokens.add(surname(name) or "")
    return frozenset(tokens - {""})


def blocks(token_sets: Iterable[frozenset[str]]) -> dict[str, int]:
    """Union-find: token → block number, where tokens of one set share a block."""
    parent: dict[str, str] = {}

    def find(token: str) -> str:
        root = token
        while parent[root] != root:
            root = parent[root]
        while parent[token] != root:
            parent[token], token = root, parent[token]
        return root

    for tokens in token_sets:
        ordered = sorted(tokens)
        for token in ordered:
            parent.setdefault(token, token)
        for token in ordered[1:]:
            a, b = find(ordered[0]), find(token)
            if a != b:
                parent[max(a, b)] = min(a, b)
    roots = sorted({find(t) for t in parent})
    number = {root: i for i, root in enumerate(roots)}
    return {token: number[find(token)] for token in parent}


@dataclass(slots=True)
class _Stored:
    """One global speaker as the corpus's ``speakers``/``speaker_aliases`` rows hold it."""

    id: int
    name: str
    kind: str
    name_key: str
    surname: str | None
    aliases: dict[str, str] = field(default_factory=dict)
    """alias key → the first alias stored under it."""
    roles: set[str] = field(default_factory=set)
    organizations: set[str] = field(default_factory=set)
    first: tuple[int, int] = (0, 0)

    def identity(self) -> Identity:
        return Identity(
            self.id,
            self.name,
            self.kind,
            tuple(self.aliases.values()),
            tuple(sorted(self.roles)),
            tuple(sorted(self.organizations)),
        )


def _keys(name: str, kind: str) -> tuple[str, str | None]:
    personal = kind in PERSONAL_KINDS
    key = normalise_name(name, "person" if personal else kind)
    family = surname(name) if personal and not is_surname_only(name) else None
    return key, family


class IdentityReplay:
    """The corpus's speaker table, in memory, for one block of mentions replayed in order.

    Indexed by name key, surname and alias key as the corpus's SQLite indexes are, so a block
    of many mentions (a common surname) replays in near-linear time.
    """

    def __init__(self) -> None:
        self.stored: list[_Stored] = []
        self.by_token: dict[str, set[int]] = {}

    def _index(self, token: str | None, speaker: int) -> None:
        if token:
            self.by_token.setdefault(token, set()).add(speaker)

    def _unindex(self, token: str | None, speaker: _Stored) -> None:
        still_there = token in speaker.aliases or token in (speaker.name_key, speaker.surname)
        if token and not still_there:
            self.by_token.get(token, set()).discard(speaker.id)

    def _candidates(self, mention: Mention) -> list[Identity]:
        compare_kind = "person" if mention.kind in PERSONAL_KINDS else mention.kind
        names = [mention.name, *mention.aliases]
        keys = {normalise_name(n, compare_kind) for n in names} - {""}
        family = {s for n in names if (s := surname(n))} if compare_kind == "person" else set()
        found: set[int] = set()
        for token in keys | family:
            found |= self.by_token.get(token, set())
        return [self.stored[i - 1].identity() for i in sorted(found)]

    def resolve(self, row: MentionRow) -> _Stored:
        """The global speaker of one mention, created or updated as the corpus does."""
        mention = Mention(row.name, row.kind, row.aliases, row.roles, row.organizations)
        found = match_identity(mention, self._candidates(mention))
        if found is None:
            stored = _Stored(len(self.stored) + 1, row.name, row.kind, *_keys(row.name, row.kind))
            stored.first = (row.seq, row.position)
            self.stored.append(stored)
            self._index(stored.name_key, stored.id)
            self._index(stored.surname, stored.id)
        else:
            stored = self.stored[found - 1]
            new_kind = row.kind if stored.kind == "unknown" else stored.kind
            new_name = canonical_name(stored.name, row.name, new_kind)
            if (new_name, new_kind) != (stored.name, stored.kind):
                old_keys = (stored.name_key, stored.surname)
                stored.name, stored.kind = new_name, new_kind
                stored.name_key, stored.surname = _keys(new_name, new_kind)
                for token in old_keys:
                    self._unindex(token, stored)
                self._index(stored.name_key, stored.id)
                self._index(stored.surname, stored.id)
        alias_kind = row.kind if row.kind in GROUP_KINDS else "person"
        for alias in (row.name, *row.aliases):
            key = normalise_name(alias, alias_kind)
            if key:
                stored.aliases.setdefault(key, alias)
                self._index(key, stored.id)
        if row.described:
            stored.roles.update(row.roles)
            stored.organizations.update(row.organizations)
        return stored


def identity_id(first: tuple[int, int]) -> str:
    """A global speaker's id: where its first mention is (stable for the same input)."""
    seq, position = first
    return f"{seq}.{position}"


def replay_block(rows: Iterable[MentionRow]) -> Iterator[tuple[Any, ...]]:
    """``(seq, speaker_key, identity, identity_name, identity_kind)`` per mention of a block;
    the name and kind are the identity's final ones."""
    replay = IdentityReplay()
    assigned = [(row, replay.resolve(row)) for row in sorted(rows, key=_order)]
    for row, stored in assigned:
        yield row.seq, row.key, identity_id(stored.first), stored.name, stored.kind


def _order(row: MentionRow) -> tuple[int, int]:
    return row.seq, row.position


MENTION_DDL = (
    "seq BIGINT, position INT, key STRING, name STRING, kind STRING, aliases ARRAY<STRING>, "
    "roles ARRAY<STRING>, organizations ARRAY<STRING>, described BOOLEAN"
)


def _mention_tuples(outcome: dict[str, Any]) -> list[tuple[Any, ...]]:
    if "article" not in outcome:
        return []
    return [
        (m.seq, m.position, m.key, m.name, m.kind, *map(list, (m.aliases, m.roles)))
        + (list(m.organizations), m.described)
        for m in article_mentions(outcome["seq"], outcome["article"])
    ]


def _mention_of(row: Any) -> MentionRow:
    return MentionRow(
        row["seq"],
        row["position"],
        row["key"],
        row["name"],
        row["kind"],
        tuple(row["aliases"]),
        tuple(row["roles"]),
        tuple(row["organizations"]),
        row["described"],
    )


def resolve_identities(
    spark: SparkSession, outcomes: Any, stored_seqs: DataFrame, partitions: int
) -> DataFrame:
    """The identity of every mention of the stored (non-duplicate) articles, as a DataFrame
    of :data:`IDENTITY_DDL`; ``outcomes`` is the RDD of processed documents and
    ``stored_seqs`` the ``seq`` of every article the corpus would store."""
    all_mentions = spark.createDataFrame(outcomes.flatMap(_mention_tuples), schema=MENTION_DDL)
    mentions = all_mentions.join(stored_seqs, "seq", "left_semi").rdd.map(_mention_of).cache()
    token_sets = mentions.map(mention_tokens).distinct().collect()
    block_of = spark.sparkContext.broadcast(blocks(token_sets))

    def keyed(mention: MentionRow) -> tuple[int, MentionRow]:
        tokens = mention_tokens(mention)
        return (block_of.value[min(tokens)] if tokens else -1 - mention.seq), mention

    assigned = (
        mentions.map(keyed)
        .groupByKey(numPartitions=partitions)
        .flatMap(lambda block: replay_block(block[1]))
    )
    return spark.createDataFrame(assigned, schema=IDENTITY_DDL)
