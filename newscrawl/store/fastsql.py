"""The save path's hot statements, run on SQLite's DBAPI cursor instead of through SQLAlchemy.

SQLAlchemy Core costs ~25 µs of Python per executed statement (execution context, parameter
processing, result set-up), sqlite3 ~2 µs for the same indexed lookup; a new article takes seven
statements. ``Prepared`` wraps a prebuilt Core statement: on SQLite it compiles it once with the
connection's dialect and runs the SQL text on the DBAPI cursor of the connection's current
transaction, converting each value with the bind processor SQLAlchemy itself would use (JSON
serialisation, booleans), so the stored values are the same. Any other backend (PostgreSQL)
runs the Core statement as before. A DBAPI error is raised as SQLAlchemy's wrapper of it
(``OperationalError``, ``IntegrityError``, …), so ``run_write`` retries it the same way.
"""

from __future__ import annotations

import sqlite3
from collections import namedtuple
from collections.abc import Iterable, Mapping
from operator import itemgetter
from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import ClauseElement

_ABSENT = object()


class Prepared:
    """A Core statement with a SQLite fast path (see the module doc).

    ``insert_of``: for an INSERT, the table whose every column (but an autoincrement key) the
    statement names; a key missing from the parameters gets what SQLAlchemy gives it (the
    column's scalar default, else SQL NULL), so rows with and without optional keys come out as
    with ``conn.execute``.
    """

    def __init__(self, statement: ClauseElement, *, insert_of: Table | None = None) -> None:
        self.statement = statement
        self._columns = None
        if insert_of is not None:
            self._columns = [c.name for c in insert_of.columns
                             if not (c.primary_key and c.autoincrement)]
        self._sqlite: tuple | None = None

    def _compile(self, dialect) -> tuple:
        compiled = self.statement.compile(dialect=dialect, column_keys=self._columns)
        if compiled.positiontup is None:
            raise RuntimeError("expected a positional paramstyle")
        plan = []
        for name in compiled.positiontup:
            bind = compiled.binds[name]
            processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
            default = _ABSENT
            if self._columns is not None and name in self._columns:
                column_default = self.statement.table.c[name].default
                default = column_default.arg if column_default is not None and \
                    column_default.is_scalar else None
            plan.append((name, processor, bind.value, default))
        row_type = None
        if self.statement.is_select:
            columns = list(self.statement.selected_columns)
            for column in columns:  # rows are returned as sqlite3 gives them: no conversion
                if column.type.dialect_impl(dialect).result_processor(dialect, None) is not None:
                    raise TypeError(f"{column.name}: values need conversion, use conn.execute")
            row_type = namedtuple("Row", [c.name for c in columns])
        return compiled.string, plan, row_type

    def _plan(self, conn: Connection):
        if self._sqlite is None:
            self._sqlite = self._compile(conn.dialect)
        return self._sqlite

    @staticmethod
    def _values(plan, params: Mapping[str, Any]) -> tuple:
        values = []
        for name, processor, fixed, default in plan:
            value = params.get(name, _ABSENT)
            if value is _ABSENT:
                if default is _ABSENT:  # a bound literal of the statement (LIMIT 1, …)
                    value = fixed
                elif default is None:  # an omitted column: SQL NULL, not a processed None
                    values.append(None)
                    continue
                else:
                    value = default
            values.append(processor(value) if processor is not None else value)
        return tuple(values)

    def execute(self, conn: Connection, params: Mapping[str, Any]) -> sqlite3.Cursor | Any:
        """Run with ``params``; on SQLite the DBAPI cursor (``lastrowid``, ``rowcount``)."""
        if conn.dialect.name != "sqlite":
            return conn.execute(self.statement, dict(params))
        sql, plan, _row = self._plan(conn)
        values = self._values(plan, params)
        try:
            return conn.connection.dbapi_connection.execute(sql, values)
        except sqlite3.Error as exc:
            raise DBAPIError.instance(sql, values, exc, sqlite3.Error) from exc

    def executemany(self, conn: Connection, rows: Iterable[Mapping[str, Any]]) -> None:
        if conn.dialect.name != "sqlite":
            conn.execute(self.statement, [dict(r) for r in rows])
            return
        sql, plan, _row = self._plan(conn)
        rows = list(rows)
        values = None
        if all(processor is None for _name, processor, _fixed, _default in plan):
            # Nothing to convert (the LSH band rows): the values as they are, when all given.
            getter = itemgetter(*[name for name, *_rest in plan])
            try:
                values = [getter(r) for r in rows] if len(plan) > 1 else \
                    [(getter(r),) for r in rows]
            except KeyError:
                values = None
        if values is None:
            values = [self._values(plan, r) for r in rows]
        try:
            conn.connection.dbapi_connection.executemany(sql, values)
        except sqlite3.Error as exc:
            raise DBAPIError.instance(sql, values, exc, sqlite3.Error) from exc

    def first(self, conn: Connection, params: Mapping[str, Any]):
        """The first result row (attribute access by column name), or None."""
        if conn.dialect.name != "sqlite":
            return conn.execute(self.statement, dict(params)).first()
        row = self.execute(conn, params).fetchone()
        return None if row is None else self._sqlite[2]._make(row)

    def scalar(self, conn: Connection, params: Mapping[str, Any]):
        """The first column of the first row, or None."""
        if conn.dialect.name != "sqlite":
            return conn.execute(self.statement, dict(params)).scalar()
        row = self.execute(conn, params).fetchone()
        return None if row is None else row[0]

    def lastrowid(self, conn: Connection, params: Mapping[str, Any]) -> int:
        """Run an INSERT; the new row's primary key."""
        if conn.dialect.name != "sqlite":
            return conn.execute(self.statement, dict(params)).inserted_primary_key[0]
        return self.execute(conn, params).lastrowid
