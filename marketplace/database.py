"""`python -m marketplace.database`: make sure the database that DATABASE_URL names exists.

`make run` and `make test` call it before migrating. A PostgreSQL database that does not exist
yet is created (as `createdb` would); when that is not possible, one line says why, at once,
instead of a connection pool timing out half a minute later. SQLite needs nothing.
"""

import sys
from pathlib import Path

import dj_database_url
import psycopg
from psycopg import sql

from marketplace.env import env_str, load_dotenv

CONNECT_TIMEOUT_SECONDS = 5


def ensure_database(url: str) -> str:
    """Create the PostgreSQL database `url` names if it is missing; say what was done.

    Raises SystemExit with a one-line message when the server cannot be reached or the
    database cannot be created.
    """
    config = dj_database_url.parse(url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        return "SQLite: nothing to create."
    name = config["NAME"]
    where = f"{config.get('HOST') or 'localhost'}:{config.get('PORT') or 5432}"
    try:
        with psycopg.connect(
            dbname="postgres",
            host=config.get("HOST") or None,
            port=config.get("PORT") or None,
            user=config.get("USER") or None,
            password=config.get("PASSWORD") or None,
            connect_timeout=CONNECT_TIMEOUT_SECONDS,
            autocommit=True,
        ) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            if exists:
                return f"Database {name} exists on {where}."
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            return f"Created database {name} on {where}."
    except psycopg.Error as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise SystemExit(
            f"Database {name} on {where} is not available and could not be created: {reason}"
        ) from None


if __name__ == "__main__":
    load_dotenv(Path(__file__).resolve().parent.parent / ".env")
    url = env_str("DATABASE_URL")
    print(ensure_database(url) if url else "SQLite: nothing to create.", file=sys.stderr)
