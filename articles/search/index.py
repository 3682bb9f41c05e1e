"""The search index's schema on each database, kept in step with articles by triggers.

Two indexes: whole articles, and their sections (passages, so a result links to the section
that answers). Article.passages (a JSON list the renderer writes) is copied into the
articles_passage table by triggers on articles_article, so every way of writing an article
keeps its passages in step.

SQLite: external-content FTS5 tables over articles_article and articles_passage. Django
rebuilds a SQLite table (and so drops its triggers) when a later migration alters it, so
ensure_index() also runs after every migrate and rebuilds the indexes whenever a trigger had
gone missing.
PostgreSQL: weighted tsvector columns (set by a trigger; generated for passages), with GIN
indexes.
"""

# The ranking policy, once for both databases: a match in the title or another name counts
# most, then the summary, then the body. SQLite's bm25 takes a weight per column below;
# PostgreSQL's setweight labels them A-C and ts_rank_cd weighs {D, C, B, A}.
SQLITE_COLUMNS = "title, also_called, summary, plain_text"
SQLITE_BM25_WEIGHTS = (10.0, 8.0, 4.0, 1.0)
POSTGRES_RANK_WEIGHTS = (0.1, 0.2, 0.4, 1.0)
# Passages: the heading counts most (A), then the text (C).
SQLITE_PASSAGE_COLUMNS = "heading, text"
SQLITE_PASSAGE_WEIGHTS = (6.0, 1.0)
SQLITE_VOCABULARY = "articles_article_fts_vocab"

# Article.passages -> articles_passage rows, on both databases.
_SQLITE_PASSAGES_OF = """
    INSERT INTO articles_passage(article_id, position, anchor, heading, text)
    SELECT new.id, CAST(key AS INTEGER), coalesce(json_extract(value, '$.anchor'), ''),
           coalesce(json_extract(value, '$.heading'), ''), coalesce(json_extract(value, '$.text'), '')
    FROM json_each(CASE WHEN json_valid(new.passages) AND json_type(new.passages) = 'array' THEN new.passages ELSE '[]' END);"""
SQLITE_PASSAGE_TRIGGERS = {
    "articles_passage_from_article_ai": f"""
        CREATE TRIGGER IF NOT EXISTS articles_passage_from_article_ai AFTER INSERT ON articles_article BEGIN
            {_SQLITE_PASSAGES_OF}
        END""",
    "articles_passage_from_article_au": f"""
        CREATE TRIGGER IF NOT EXISTS articles_passage_from_article_au AFTER UPDATE OF passages ON articles_article
        WHEN old.passages IS NOT new.passages BEGIN
            DELETE FROM articles_passage WHERE article_id = old.id;
            {_SQLITE_PASSAGES_OF}
        END""",
    "articles_passage_from_article_ad": """
        CREATE TRIGGER IF NOT EXISTS articles_passage_from_article_ad AFTER DELETE ON articles_article BEGIN
            DELETE FROM articles_passage WHERE article_id = old.id;
        END""",
    "articles_passage_fts_ai": f"""
        CREATE TRIGGER IF NOT EXISTS articles_passage_fts_ai AFTER INSERT ON articles_passage BEGIN
            INSERT INTO articles_passage_fts(rowid, {SQLITE_PASSAGE_COLUMNS}) VALUES (new.id, new.heading, new.text);
        END""",
    "articles_passage_fts_ad": f"""
        CREATE TRIGGER IF NOT EXISTS articles_passage_fts_ad AFTER DELETE ON articles_passage BEGIN
            INSERT INTO articles_passage_fts(articles_passage_fts, rowid, {SQLITE_PASSAGE_COLUMNS})
            VALUES ('delete', old.id, old.heading, old.text);
        END""",
    "articles_passage_fts_au": f"""
        CREATE TRIGGER IF NOT EXISTS articles_passage_fts_au AFTER UPDATE ON articles_passage BEGIN
            INSERT INTO articles_passage_fts(articles_passage_fts, rowid, {SQLITE_PASSAGE_COLUMNS})
            VALUES ('delete', old.id, old.heading, old.text);
            INSERT INTO articles_passage_fts(rowid, {SQLITE_PASSAGE_COLUMNS}) VALUES (new.id, new.heading, new.text);
        END""",
}
_TOKENIZE = "tokenize='porter unicode61 remove_diacritics 2'"
SQLITE_TRIGGERS = {
    "articles_article_fts_ai": f"""
        CREATE TRIGGER IF NOT EXISTS articles_article_fts_ai AFTER INSERT ON articles_article BEGIN
            INSERT INTO articles_article_fts(rowid, {SQLITE_COLUMNS})
            VALUES (new.id, new.title, new.also_called, new.summary, new.plain_text);
        END""",
    "articles_article_fts_ad": f"""
        CREATE TRIGGER IF NOT EXISTS articles_article_fts_ad AFTER DELETE ON articles_article BEGIN
            INSERT INTO articles_article_fts(articles_article_fts, rowid, {SQLITE_COLUMNS})
            VALUES ('delete', old.id, old.title, old.also_called, old.summary, old.plain_text);
        END""",
    "articles_article_fts_au": f"""
        CREATE TRIGGER IF NOT EXISTS articles_article_fts_au AFTER UPDATE ON articles_article BEGIN
            INSERT INTO articles_article_fts(articles_article_fts, rowid, {SQLITE_COLUMNS})
            VALUES ('delete', old.id, old.title, old.also_called, old.summary, old.plain_text);
            INSERT INTO articles_article_fts(rowid, {SQLITE_COLUMNS})
            VALUES (new.id, new.title, new.also_called, new.summary, new.plain_text);
        END""",
}

POSTGRES_SQL = [
    "ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS search_vector tsvector",
    # The names and summary alone too: which pages are about a word (backends/postgres.rank).
    "ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS search_head tsvector",
    """CREATE OR REPLACE FUNCTION articles_article_search_vector() RETURNS trigger AS $$
       BEGIN
         NEW.search_head :=
           setweight(to_tsvector('english', coalesce(NEW.title, '') || ' ' || coalesce(NEW.also_called::text, '')), 'A') ||
           setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'B');
         NEW.search_vector := NEW.search_head || setweight(to_tsvector('english', coalesce(NEW.plain_text, '')), 'C');
         RETURN NEW;
       END $$ LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS articles_article_search_vector ON articles_article",
    """CREATE TRIGGER articles_article_search_vector BEFORE INSERT OR UPDATE ON articles_article
       FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector()""",
    # fastupdate off: new rows go straight into the index. A content site writes rarely and
    # reads often; with the default pending list, searches after a bulk load scanned it
    # unindexed (110 ms instead of 8 ms at 10,000 articles) until the next vacuum.
    """CREATE INDEX IF NOT EXISTS articles_article_search_gin ON articles_article
       USING GIN (search_vector) WITH (fastupdate = off)""",
    "ALTER INDEX articles_article_search_gin SET (fastupdate = off)",
    """CREATE INDEX IF NOT EXISTS articles_article_search_head_gin ON articles_article
       USING GIN (search_head) WITH (fastupdate = off)""",
]
POSTGRES_PASSAGE_SQL = [
    """ALTER TABLE articles_passage ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS (
         setweight(to_tsvector('english', coalesce(heading, '')), 'A') ||
         setweight(to_tsvector('english', coalesce(text, '')), 'C')) STORED""",
    """CREATE INDEX IF NOT EXISTS articles_passage_search_gin ON articles_passage
       USING GIN (search_vector) WITH (fastupdate = off)""",
    """CREATE OR REPLACE FUNCTION articles_article_passages() RETURNS trigger AS $$
       BEGIN
         IF TG_OP = 'UPDATE' AND NEW.passages IS NOT DISTINCT FROM OLD.passages THEN
           RETURN NEW;
         END IF;
         DELETE FROM articles_passage WHERE article_id = NEW.id;
         INSERT INTO articles_passage(article_id, position, anchor, heading, text)
         SELECT NEW.id, x.ord - 1, coalesce(x.p->>'anchor', ''), coalesce(x.p->>'heading', ''), coalesce(x.p->>'text', '')
         FROM jsonb_array_elements(CASE WHEN jsonb_typeof(NEW.passages) = 'array' THEN NEW.passages ELSE '[]'::jsonb END)
              WITH ORDINALITY AS x(p, ord);
         RETURN NEW;
       END $$ LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS articles_article_passages ON articles_article",
    """CREATE TRIGGER articles_article_passages AFTER INSERT OR UPDATE OF passages ON articles_article
       FOR EACH ROW EXECUTE FUNCTION articles_article_passages()""",
]


def ensure_index(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # DDL only when something is missing: ALTER TABLE inside a transaction that has
            # written rows (deferred FK checks pending) is refused by PostgreSQL.
            cursor.execute(
                """SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'articles_article_search_vector')
                      AND EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'articles_article_search_gin')
                      AND EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'articles_article_search_head_gin'),
                          EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'articles_article_passages')
                      AND EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'articles_passage_search_gin')"""
            )
            articles_ready, passages_ready = cursor.fetchone()
            passages_ready = passages_ready or not _has_passages(cursor, connection)
            if not articles_ready:
                for statement in POSTGRES_SQL:
                    cursor.execute(statement)
            if not passages_ready:
                for statement in POSTGRES_PASSAGE_SQL:
                    cursor.execute(statement)
                _rebuild_passages(cursor, connection.vendor)
            cursor.execute("SELECT count(*) FROM articles_article WHERE search_vector IS NULL OR search_head IS NULL")
            if cursor.fetchone()[0]:
                rebuild_index(connection)
            return
        if connection.vendor != "sqlite":
            return
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'articles_%'")
        present = {row[0] for row in cursor.fetchall()}
        if _sqlite_index(cursor, "articles_article", SQLITE_COLUMNS, SQLITE_TRIGGERS, present):
            cursor.execute("INSERT INTO articles_article_fts(articles_article_fts) VALUES ('rebuild')")
        # How many articles hold each (Porter-stemmed) word: a concept's rarity (backends/sqlite.idf).
        cursor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_VOCABULARY} USING fts5vocab(articles_article_fts, 'row')")
        if not _has_passages(cursor, connection):
            return  # an early migration: the passages arrive with migration 0019
        if _sqlite_index(cursor, "articles_passage", SQLITE_PASSAGE_COLUMNS, SQLITE_PASSAGE_TRIGGERS, present):
            _rebuild_passages(cursor, connection.vendor)


def _sqlite_index(cursor, table, columns, triggers, present):
    """An external-content FTS5 table over `table` and its triggers; True when a trigger was
    missing (the table was rebuilt by a migration, or is new), so the index must be rebuilt."""
    cursor.execute(
        f"""CREATE VIRTUAL TABLE IF NOT EXISTS {table}_fts USING fts5(
            {columns}, content='{table}', content_rowid='id', {_TOKENIZE})"""
    )
    for statement in triggers.values():
        cursor.execute(statement)
    return not set(triggers) <= present


def _has_passages(cursor, connection):
    """Whether the passages table exists yet (migration 0002 runs this before 0019 makes it)."""
    return "articles_passage" in connection.introspection.table_names(cursor)


def _rebuild_passages(cursor, vendor):
    """articles_passage again from every article's passages, and (SQLite) its FTS table."""
    cursor.execute("DELETE FROM articles_passage")
    if vendor == "postgresql":
        cursor.execute(
            """INSERT INTO articles_passage(article_id, position, anchor, heading, text)
               SELECT a.id, x.ord - 1, coalesce(x.p->>'anchor', ''), coalesce(x.p->>'heading', ''), coalesce(x.p->>'text', '')
               FROM articles_article a,
                    jsonb_array_elements(CASE WHEN jsonb_typeof(a.passages) = 'array' THEN a.passages ELSE '[]'::jsonb END)
                    WITH ORDINALITY AS x(p, ord)"""
        )
        return
    cursor.execute(
        """INSERT INTO articles_passage(article_id, position, anchor, heading, text)
           SELECT a.id, CAST(j.key AS INTEGER), coalesce(json_extract(j.value, '$.anchor'), ''),
                  coalesce(json_extract(j.value, '$.heading'), ''), coalesce(json_extract(j.value, '$.text'), '')
           FROM articles_article a,
                json_each(CASE WHEN json_valid(a.passages) AND json_type(a.passages) = 'array' THEN a.passages ELSE '[]' END) j"""
    )
    cursor.execute("INSERT INTO articles_passage_fts(articles_passage_fts) VALUES ('rebuild')")


def drop_index(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in [*SQLITE_TRIGGERS, *SQLITE_PASSAGE_TRIGGERS]:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {SQLITE_VOCABULARY}")
            cursor.execute("DROP TABLE IF EXISTS articles_article_fts")
            cursor.execute("DROP TABLE IF EXISTS articles_passage_fts")
        elif connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER IF EXISTS articles_article_search_vector ON articles_article")
            cursor.execute("DROP INDEX IF EXISTS articles_article_search_gin")
            cursor.execute("DROP INDEX IF EXISTS articles_article_search_head_gin")
            cursor.execute("ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector")
            cursor.execute("ALTER TABLE articles_article DROP COLUMN IF EXISTS search_head")
            cursor.execute("DROP TRIGGER IF EXISTS articles_article_passages ON articles_article")
            cursor.execute("DROP INDEX IF EXISTS articles_passage_search_gin")
            cursor.execute("ALTER TABLE articles_passage DROP COLUMN IF EXISTS search_vector")


def rebuild_index(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO articles_article_fts(articles_article_fts) VALUES ('rebuild')")
        elif connection.vendor == "postgresql":
            cursor.execute("UPDATE articles_article SET title = title")
        if connection.vendor in ("sqlite", "postgresql") and _has_passages(cursor, connection):
            _rebuild_passages(cursor, connection.vendor)
