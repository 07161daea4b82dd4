"""Reads to a read replica when one is fit and the request allows it; all else to the primary.

Writes go to the primary, and so does every query inside a transaction (an atomic block on
the primary), so a workflow that reads, checks and writes sees one consistent database, and
its `select_for_update` locks the rows it writes. Migrations run on the primary only: the
replicas get them through replication.
"""

from django.db import connections

from marketplace.db import replicas


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str:
        if not replicas.replicas_in_use() or connections[replicas.PRIMARY].in_atomic_block:
            return replicas.PRIMARY
        return replicas.pick()

    def db_for_write(self, model, **hints) -> str:
        return replicas.PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # every alias is the same database

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db == replicas.PRIMARY
