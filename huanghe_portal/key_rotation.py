"""Re-encrypt every encrypted column with the newest key, in batches, resumable.

Every model (historical copies included) with an EncryptedCharField is visited in primary-key
order, `batch_size` rows per transaction. A value already readable with the newest key alone is
left as it is, so an interrupted run simply starts again and skips what is done. The blind
indexes beside the columns are recomputed from the plain values with the current hash key in the
same pass, so the same command also re-keys them after FIELD_HASH_KEY changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.conf import settings
from django.db import connection, models, transaction

from . import personal_data


@dataclass
class TableResult:
    table: str
    rows: int = 0
    reencrypted: int = 0
    rehashed: int = 0


def encrypted_models() -> Iterator[tuple[type[models.Model], list[str], dict[str, str]]]:
    """(model, encrypted column names, {blind index column: its source column})."""
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = {f.name: f for f in model._meta.concrete_fields}
        encrypted = [
            _column(f) for f in fields.values() if isinstance(f, personal_data.EncryptedCharField)
        ]
        if not encrypted:
            continue
        hashes = {
            _column(f): _column(fields[f.source])
            for f in fields.values()
            if isinstance(f, personal_data.BlindIndexField) and f.source in fields
        }
        yield model, encrypted, hashes


def _column(field: models.Field[Any, Any]) -> str:
    assert field.column is not None  # a concrete field has its column
    return field.column


def rotate(
    *, batch_size: int = 500, progress: Callable[[TableResult], None] | None = None
) -> list[TableResult]:
    newest = Fernet(settings.FIELD_ENCRYPTION_KEYS[0].encode())
    everyone = personal_data._fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))
    quote = connection.ops.quote_name
    results = []
    for model, encrypted, hashes in encrypted_models():
        assert model._meta.pk is not None
        table, pk = model._meta.db_table, _column(model._meta.pk)
        columns = [*encrypted, *hashes]
        result = TableResult(table)
        last = None
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        while True:
            where = f"WHERE {quote(pk)} > %s " if last is not None else ""
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {quote(pk)}, {', '.join(quote(c) for c in columns)} "  # noqa: S608
                    f"FROM {quote(table)} {where}ORDER BY {quote(pk)} LIMIT %s{lock}",
                    [last, batch_size] if last is not None else [batch_size],
                )
                rows = cursor.fetchall()
                for row in rows:
                    last, values = row[0], dict(zip(columns, row[1:], strict=True))
                    try:
                        changes = _changes(values, encrypted, hashes, newest, everyone)
                    except InvalidToken:
                        raise ValueError(
                            f"{table} row {last}: no key of FIELD_ENCRYPTION_KEYS decrypts it"
                        ) from None
                    result.rows += 1
                    result.reencrypted += sum(1 for c in changes if c in encrypted)
                    result.rehashed += sum(1 for c in changes if c in hashes)
                    if changes:
                        assignments = ", ".join(f"{quote(c)} = %s" for c in changes)
                        cursor.execute(
                            f"UPDATE {quote(table)} SET {assignments} "  # noqa: S608
                            f"WHERE {quote(pk)} = %s",
                            [*changes.values(), last],
                        )
            if progress:
                progress(result)
            if len(rows) < batch_size:
                break
        results.append(result)
    return results


def _changes(
    values: dict[str, Any],
    encrypted: list[str],
    hashes: dict[str, str],
    newest: Fernet,
    everyone: MultiFernet,
) -> dict[str, str]:
    changes, plain = {}, {}
    for column in encrypted:
        token = values[column]
        if not token:
            plain[column] = token or ""
            continue
        try:
            plain[column] = newest.decrypt(token.encode()).decode()
        except InvalidToken:
            plain[column] = everyone.decrypt(token.encode()).decode()
            changes[column] = newest.encrypt(plain[column].encode()).decode()
    for column, source in hashes.items():
        expected = personal_data.blind_index(plain.get(source) or "")
        if (values[column] or "") != expected:
            changes[column] = expected
    return changes
