"""The search index of translations, on each database, kept in step by triggers.

SQLite: an external-content FTS5 table over the pre-stemmed columns (stemming.py), so any way
of writing a translation keeps it in step. PostgreSQL: a weighted tsvector set by a trigger,
with the language's own text-search configuration, over the accent-folded columns; GIN index.
Both are made after every migrate (apps.py), like the English index (search/index.py).
"""

from articles.translation.stemming import POSTGRES_CONFIG

TABLE = "articles_articletranslation"
SQLITE_COLUMNS = "stems_title, stems_summary, stems_body"
# As for English: a match in the title or another name counts most, then the summary.
SQLITE_BM25_WEIGHTS = (10.0, 4.0, 1.0)
POSTGRES_RANK_WEIGHTS = (0.1, 0.2, 0.4, 1.0)

_NEW = "new.stems_title, new.stems_summary, new.stems_body"
_OLD = "old.stems_title, old.stems_summary, old.stems_body"
SQLITE_TRIGGERS = {
    f"{TABLE}_fts_ai": f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_fts_ai AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO {TABLE}_fts(rowid, {SQLITE_COLUMNS}) VALUES (new.id, {_NEW});
    END""",
    f"{TABLE}_fts_ad": f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_fts_ad AFTER DELETE ON {TABLE} BEGIN
        INSERT INTO {TABLE}_fts({TABLE}_fts, rowid, {SQLITE_COLUMNS}) VALUES ('delete', old.id, {_OLD});
    END""",
    f"{TABLE}_fts_au": f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_fts_au AFTER UPDATE ON {TABLE} BEGIN
        INSERT INTO {TABLE}_fts({TABLE}_fts, rowid, {SQLITE_COLUMNS}) VALUES ('delete', old.id, {_OLD});
        INSERT INTO {TABLE}_fts(rowid, {SQLITE_COLUMNS}) VALUES (new.id, {_NEW});
    END""",
}


def _config_case():
    cases = " ".join(f"WHEN '{code}' THEN '{config}'" for code, config in POSTGRES_CONFIG.items())
    return f"(CASE NEW.language {cases} ELSE 'simple' END)::regconfig"


def postgres_sql():
    config = _config_case()
    return [
        f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS search_vector tsvector",
        # The names and summary alone: what a search orders its candidates by. Ranking
        # thousands of whole pages read each page's large vector (50 ms at 10,000 pages).
        f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS search_head tsvector",
        f"""CREATE OR REPLACE FUNCTION {TABLE}_search_vector() RETURNS trigger AS $$
           BEGIN
             NEW.search_head :=
               setweight(to_tsvector({config}, coalesce(NEW.index_title, '')), 'A') ||
               setweight(to_tsvector({config}, coalesce(NEW.index_summary, '')), 'B');
             NEW.search_vector := NEW.search_head || setweight(to_tsvector({config}, coalesce(NEW.index_body, '')), 'C');
             RETURN NEW;
           END $$ LANGUAGE plpgsql""",
        f"DROP TRIGGER IF EXISTS {TABLE}_search_vector ON {TABLE}",
        f"""CREATE TRIGGER {TABLE}_search_vector BEFORE INSERT OR UPDATE ON {TABLE}
           FOR EACH ROW EXECUTE FUNCTION {TABLE}_search_vector()""",
        f"CREATE INDEX IF NOT EXISTS {TABLE}_search_gin ON {TABLE} USING GIN (search_vector) WITH (fastupdate = off)",
        f"CREATE INDEX IF NOT EXISTS {TABLE}_head_gin ON {TABLE} USING GIN (search_head) WITH (fastupdate = off)",
    ]


def ensure_index(connection):
    if TABLE not in connection.introspection.table_names():
        return  # an early migration
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = %s)"
                " AND EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = %s)"
                " AND EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = %s)",
                [f"{TABLE}_search_vector", f"{TABLE}_search_gin", f"{TABLE}_head_gin"],
            )
            if not cursor.fetchone()[0]:
                for statement in postgres_sql():
                    cursor.execute(statement)
                cursor.execute(f"UPDATE {TABLE} SET title = title")  # noqa: S608 - our own table name
            return
        if connection.vendor != "sqlite":
            return
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s", [f"{TABLE}_%"])
        present = {row[0] for row in cursor.fetchall()}
        cursor.execute(
            f"""CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE}_fts USING fts5(
                {SQLITE_COLUMNS}, content='{TABLE}', content_rowid='id', tokenize='unicode61 remove_diacritics 2')"""
        )
        # How many pages use each stem: what makes a query's word rare or common (search.py).
        cursor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE}_fts_vocab USING fts5vocab({TABLE}_fts, 'row')")
        for statement in SQLITE_TRIGGERS.values():
            cursor.execute(statement)
        if not set(SQLITE_TRIGGERS) <= present:
            cursor.execute(f"INSERT INTO {TABLE}_fts({TABLE}_fts) VALUES ('rebuild')")  # noqa: S608


def drop_index(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {TABLE}_fts_vocab")
            cursor.execute(f"DROP TABLE IF EXISTS {TABLE}_fts")
        elif connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_search_vector ON {TABLE}")
            cursor.execute(f"DROP INDEX IF EXISTS {TABLE}_search_gin")
            cursor.execute(f"DROP INDEX IF EXISTS {TABLE}_head_gin")
            cursor.execute(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector")
            cursor.execute(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_head")
