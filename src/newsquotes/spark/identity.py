"""Cross-article speaker identity over the Spark tables, by the rules the local corpus uses.

The corpus's identities are a pure function of its speaker descriptions
(:func:`newsquotes.resolve.identity.resolve_identities`), whatever order the articles came in.
Here that same function runs in parallel:

1. Each article speaker becomes a :class:`~newsquotes.resolve.identity.Description` exactly as
   the corpus builds it (:func:`article_descriptions`; its anchor is the article's text hash
   and the local speaker id).
2. Every description gets its *tokens*: the surnames and normalised names of its names and
   aliases. Two descriptions the rules could ever join share a token (full names join within a
   surname, a bare surname only with that surname, organisations by normalised name), so
   descriptions linked by tokens, directly or through others, form independent *blocks*
   (union-find over the distinct token sets, on the driver).
3. Each block is resolved on its own by ``resolve_identities``; a global speaker's id is its
   first anchor, stable for the same input.

Duplicate articles (same source, URL or text as an earlier one) add no descriptions, as in the
corpus.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..model import Entity, Speaker
from ..resolve.identity import (
    Description,
    article_names,
    describe,
    needs_article_names,
    normalise_name,
    resolve_identities,
    surname,
)

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

IDENTITY_DDL = (
    "seq BIGINT, speaker_key STRING, identity STRING, identity_name STRING, identity_kind STRING"
)


def article_descriptions(
    seq: int, article: dict[str, Any], digest: str, first_id: int = 0
) -> list[tuple[int, Description]]:
    """``(seq, Description)`` for each speaker of a stored article, built as the corpus builds
    them (:func:`~newsquotes.resolve.identity.describe`); ``first_id`` numbers them (ids only
    need to be unique within one resolution)."""
    speakers = [Speaker.from_dict(sp) for sp in article["speakers"]]
    names: tuple[tuple[str, ...], dict[str, str]] = ((), {})
    if any(needs_article_names(sp.name, sp.kind) for sp in speakers):
        names = article_names(Entity.from_dict(e) for e in article.get("entities") or [])
    return [
        (seq, describe(first_id + n, f"{digest}:{sp.id}", sp, article.get("outlet"), *names))
        for n, sp in enumerate(speakers)
    ]


def description_tokens(description: Description) -> frozenset[str]:
    """The surnames and normalised names of a description's names and aliases: any two
    descriptions the identity rules may join share one."""
    tokens: set[str] = set()
    for name in (description.name, *description.aliases):
        tokens.add(surname(name) or "")
        tokens.add(normalise_name(name, "organization"))
    return frozenset(tokens - {""})


def blocks(token_sets: Iterable[frozenset[str]]) -> dict[str, int]:
    """Union-find: token → block number, where the tokens of one set share a block."""
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


def resolve_block(items: Iterable[tuple[int, Description]]) -> Iterator[tuple[Any, ...]]:
    """``(seq, local speaker id, identity, identity name, identity kind)`` for each description
    of one block; a description that is no corpus speaker (a pronoun) gets no identity."""
    numbered = [
        (seq, _renumbered(d, n)) for n, (seq, d) in enumerate(sorted(items, key=_anchor_order))
    ]
    by_id = {d.id: (seq, d) for seq, d in numbered}
    identities, nobody = resolve_identities(d for _, d in numbered)
    for found in identities:
        first = by_id[found.members[0]][1].anchor
        for member in found.members:
            seq, description = by_id[member]
            yield seq, _local_id(description), first, found.name, found.kind
    for member in sorted(nobody):
        seq, description = by_id[member]
        yield seq, _local_id(description), None, None, None


def _anchor_order(item: tuple[int, Description]) -> tuple[str, int]:
    return item[1].anchor, item[0]


def _renumbered(description: Description, number: int) -> Description:
    return replace(description, id=number)


def _local_id(description: Description) -> str:
    return description.anchor.split(":", 1)[1]


def block_key(description: Description, block_of: dict[str, int]) -> int:
    """The block of a description; one without tokens (no name) is a block of its own."""
    tokens = description_tokens(description)
    if tokens:
        return block_of[min(tokens)]
    return -1 - zlib.crc32(description.anchor.encode("utf-8"))


def resolve_identities_on_spark(spark: SparkSession, stored: Any, partitions: int) -> DataFrame:
    """The identity of every speaker of the stored (non-duplicate) articles, a DataFrame of
    :data:`IDENTITY_DDL`; ``stored`` is an RDD of ``(seq, article dict, text hash)``."""
    descriptions = stored.flatMap(lambda s: article_descriptions(*s)).cache()
    token_sets = descriptions.map(lambda item: description_tokens(item[1])).distinct().collect()
    block_of = spark.sparkContext.broadcast(blocks(token_sets))
    assigned = (
        descriptions.map(lambda item: (block_key(item[1], block_of.value), item))
        .groupByKey(numPartitions=partitions)
        .flatMap(lambda block: resolve_block(block[1]))
    )
    return spark.createDataFrame(assigned, schema=IDENTITY_DDL)
