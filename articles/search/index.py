"""The search index's schema on each database, kept in step with articles by triggers.

SQLite: an external-content FTS5 table over articles_article. Django rebuilds a SQLite
table (and so drops its triggers) when a later migration alters it, so ensure_index() also
runs after every migrate and rebuilds the index whenever a trigger had gone missing.
PostgreSQL: a weighted tsvector column set by a trigger, with a GIN index.
"""

# The ranking policy, once for both databases: a match in the title or another name counts
# most, then the summary, then the body. SQLite's bm25 takes a weight per column below;
# PostgreSQL's setweight labels them A-C and ts_rank_cd weighs {D, C, B, A}.
SQLITE_COLUMNS = "title, also_called, summary, plain_text"
SQLITE_BM25_WEIGHTS = (10.0, 8.0, 4.0, 1.0)
POSTGRES_RANK_WEIGHTS = (0.1, 0.2, 0.4, 1.0)
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
    """CREATE OR REPLACE FUNCTION articles_article_search_vector() RETURNS trigger AS $$
       BEGIN
         NEW.search_vector :=
           setweight(to_tsvector('english', coalesce(NEW.title, '') || ' ' || coalesce(NEW.also_called::text, '')), 'A') ||
           setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'B') ||
           setweight(to_tsvector('english', coalesce(NEW.plain_text, '')), 'C');
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
]


def ensure_index(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # DDL only when something is missing: ALTER TABLE inside a transaction that has
            # written rows (deferred FK checks pending) is refused by PostgreSQL.
            cursor.execute(
                """SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'articles_article_search_vector')
                      AND EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'articles_article_search_gin')"""
            )
            if not cursor.fetchone()[0]:
                for statement in POSTGRES_SQL:
                    cursor.execute(statement)
            cursor.execute("SELECT count(*) FROM articles_article WHERE search_vector IS NULL")
            if cursor.fetchone()[0]:
                rebuild_index(connection)
            return
        if connection.vendor != "sqlite":
            return
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'articles_article_fts_%'")
        present = {row[0] for row in cursor.fetchall()}
        cursor.execute(
            f"""CREATE VIRTUAL TABLE IF NOT EXISTS articles_article_fts USING fts5(
                {SQLITE_COLUMNS}, content='articles_article', content_rowid='id',
                tokenize='porter unicode61 remove_diacritics 2')"""
        )
        for statement in SQLITE_TRIGGERS.values():
            cursor.execute(statement)
        if present != set(SQLITE_TRIGGERS):
            rebuild_index(connection)


def drop_index(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute("DROP TABLE IF EXISTS articles_article_fts")
        elif connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER IF EXISTS articles_article_search_vector ON articles_article")
            cursor.execute("DROP INDEX IF EXISTS articles_article_search_gin")
            cursor.execute("ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector")


def rebuild_index(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO articles_article_fts(articles_article_fts) VALUES ('rebuild')")
        elif connection.vendor == "postgresql":
            cursor.execute("UPDATE articles_article SET title = title")
