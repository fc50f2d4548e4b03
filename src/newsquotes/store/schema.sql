-- newsquotes corpus, schema version 1.
--
-- One row per stored article; every source (path, path#record) that produced it is listed in
-- article_sources, so a rerun can skip it before parsing. Speakers are global identities shared
-- by every article that quotes them; speaker_descriptions keeps what each article said about them.
-- Offsets are Python str indices into articles.text. List-valued columns hold JSON arrays.

CREATE TABLE articles (
    id          INTEGER PRIMARY KEY,
    doc_id      TEXT NOT NULL,               -- Article.id as the reader named it
    source      TEXT,                        -- where it was first read from
    url         TEXT UNIQUE,
    title       TEXT,
    outlet      TEXT,
    published   TEXT,                        -- ISO 8601 date or date-time, as given
    authors     TEXT NOT NULL DEFAULT '[]',  -- JSON array of names
    language    TEXT,
    text        TEXT NOT NULL,
    text_hash   TEXT NOT NULL UNIQUE,        -- sha256 of the whitespace-normalised text
    regions     TEXT NOT NULL DEFAULT '[]',  -- JSON array of Region dicts
    entities    TEXT NOT NULL DEFAULT '[]',  -- JSON array of Entity dicts
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_outlet ON articles(outlet COLLATE NOCASE);
CREATE INDEX articles_published ON articles(published);

-- Every source key seen, including those whose article was a duplicate of a stored one.
CREATE TABLE article_sources (
    source  TEXT PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);

CREATE TABLE speakers (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL,                   -- canonical (longest full) name
    kind    TEXT NOT NULL DEFAULT 'unknown' CHECK (kind IN ('person', 'organization', 'group', 'unknown')),
    name_key TEXT NOT NULL,                  -- normalised name, see resolve/identity.py
    surname TEXT                             -- normalised last name of a person
);
CREATE INDEX speakers_name_key ON speakers(name_key);
CREATE INDEX speakers_surname ON speakers(surname);

CREATE TABLE speaker_aliases (
    speaker   INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    alias     TEXT NOT NULL,
    alias_key TEXT NOT NULL,
    PRIMARY KEY (speaker, alias_key)
);
CREATE INDEX speaker_aliases_key ON speaker_aliases(alias_key);

-- What one article says about one speaker (its local Speaker record).
CREATE TABLE speaker_descriptions (
    id            INTEGER PRIMARY KEY,
    speaker       INTEGER NOT NULL REFERENCES speakers(id),
    article       INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    local_id      TEXT NOT NULL,             -- Speaker.id inside the article
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    aliases       TEXT NOT NULL DEFAULT '[]',
    description   TEXT,
    roles         TEXT NOT NULL DEFAULT '[]',
    organizations TEXT NOT NULL DEFAULT '[]',
    UNIQUE (article, local_id)
);
CREATE INDEX speaker_descriptions_speaker ON speaker_descriptions(speaker);

CREATE TABLE quotes (
    id               INTEGER PRIMARY KEY,
    article          INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    quote_id         TEXT NOT NULL,          -- Quote.id inside the article
    type             TEXT NOT NULL CHECK (type IN ('direct', 'mixed', 'indirect')),
    spans            TEXT NOT NULL,          -- JSON [[start, end], ...]
    start            INTEGER NOT NULL,
    end              INTEGER NOT NULL,
    text             TEXT NOT NULL,
    cue              TEXT,
    cue_start        INTEGER,
    cue_end          INTEGER,
    speaker_mention  TEXT,                   -- the words naming the speaker at this quote
    speaker_start    INTEGER,
    speaker_end      INTEGER,
    speaker_local_id TEXT,
    speaker          INTEGER REFERENCES speakers(id),
    speaker_name     TEXT,
    confidence       REAL NOT NULL DEFAULT 0.5,
    UNIQUE (article, quote_id)
);
CREATE INDEX quotes_speaker ON quotes(speaker);
CREATE INDEX quotes_article ON quotes(article);

-- Named entities of the article that lie inside one of the quote's spans.
CREATE TABLE quote_entities (
    quote INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end   INTEGER NOT NULL,
    text  TEXT NOT NULL,
    label TEXT NOT NULL
);
CREATE INDEX quote_entities_quote ON quote_entities(quote);
CREATE INDEX quote_entities_text ON quote_entities(text COLLATE NOCASE);

CREATE TABLE errors (
    id      INTEGER PRIMARY KEY,
    source  TEXT NOT NULL,
    code    TEXT NOT NULL,
    message TEXT NOT NULL,
    at      TEXT NOT NULL
);
CREATE INDEX errors_source ON errors(source);

-- Full-text index over quote text and speaker name, kept in step by the triggers below.
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, speaker_name,
    content='quotes', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);

CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text, speaker_name)
    VALUES (new.id, new.text, coalesce(new.speaker_name, ''));
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name)
    VALUES ('delete', old.id, old.text, coalesce(old.speaker_name, ''));
END;
CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text, speaker_name ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name)
    VALUES ('delete', old.id, old.text, coalesce(old.speaker_name, ''));
    INSERT INTO quotes_fts(rowid, text, speaker_name)
    VALUES (new.id, new.text, coalesce(new.speaker_name, ''));
END;
