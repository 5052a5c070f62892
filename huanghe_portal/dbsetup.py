"""Prepare PostgreSQL for the portal's tests: a template database with LC_CTYPE C.UTF-8 (Chinese
trigram search finds nothing under the C locale) and pg_trgm in it. Run as
`python -m huanghe_portal.dbsetup`; does nothing on SQLite."""

import os
import sys

import environ


def main() -> int:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://", "pgsql://")):
        return 0
    import psycopg2

    config = environ.Env.db_url_config(url)
    template = os.environ.get("TEST_DB_TEMPLATE", "template_cutf8")
    conn = psycopg2.connect(
        dbname="postgres",
        user=config.get("USER") or "postgres",
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or "127.0.0.1",
        port=config.get("PORT") or 5432,
    )
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
        if cur.fetchone() is None:
            cur.execute(
                f"CREATE DATABASE \"{template}\" TEMPLATE template0 ENCODING 'UTF8' "
                "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
            )
            print(f"created template database {template} (C.UTF-8)")
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
        if cur.fetchone() is None:
            cur.execute(f'CREATE DATABASE "{config["NAME"]}" TEMPLATE "{template}"')
            print(f"created database {config['NAME']}")
    conn.close()
    for name in (template, config["NAME"]):
        db = psycopg2.connect(
            dbname=name,
            user=config.get("USER") or "postgres",
            password=config.get("PASSWORD") or None,
            host=config.get("HOST") or "127.0.0.1",
            port=config.get("PORT") or 5432,
        )
        db.autocommit = True
        with db.cursor() as cur:
            cur.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
