"""Inserting many rows fast: `bulk_create` without the query compiler's cost per value.

`insert(model, objs)` writes what `Model.objects.bulk_create(objs)` writes: each field's value as `pre_save`
(auto_now, auto_now_add) and `get_db_prep_save` give it, so the rows are the same; no signal, no save(), like
bulk_create. It prepares one INSERT statement and sends every row with `executemany` (Django's compiler
builds the SQL of every batch value by value, and SQLite's 999-parameter limit cuts a 60-column record into
batches of 16 rows: for 100.000 members that cost more than every check of the import together).
With `ids=True` the objects get their primary keys, in order:
- PostgreSQL: the keys are taken from the table's sequence first (`nextval`, one query), then inserted;
- SQLite: inserted in order under the write lock the transaction holds, so the keys are consecutive and
  end at `last_insert_rowid()` (AUTOINCREMENT: never a key used before; a trigger's own inserts do not move it).
On PostgreSQL the rows go through COPY … FROM STDIN (psycopg's `cursor.copy`) instead of the INSERT: the same
values, adapted by psycopg as for a parameter; a trigger or a constraint refuses a row as it would an INSERT.
Call it inside a transaction (the services' atomic block).
"""

from __future__ import annotations

import datetime as dt
import functools
import operator

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init
from django.utils import timezone

BATCH = 5000


@functools.cache
def _layout(model) -> tuple[dict, list, list, list]:
    """How `new` lays out a model's values: name or attname → (position among the concrete fields, is a relation
    given by its object), the defaults made once, the positions whose default is made for each instance (a
    callable default: dict, a timestamp) and the fields."""
    fields = model._meta.concrete_fields
    slots: dict[str, tuple[int, bool]] = {}
    defaults, fresh = [], []
    for index, field in enumerate(fields):
        slots[field.attname] = (index, False)
        slots[field.name] = (index, field.is_relation)
        if field.has_default() and callable(field.default):
            fresh.append(index)
            defaults.append(None)
        else:
            defaults.append(field.get_default())
    return slots, defaults, fresh, fields


def new(model: type[models.Model], values: dict) -> models.Model:
    """`model(**values)`, by Django's positional path (the one rows read from the database take): every concrete
    field's value in order, the defaults worked out once a model. A relation given by its object (`member=m`) sets
    the key and the cached object as the keyword path does, so `insert` takes an unsaved object's key once it has
    one. Ten times faster than keywords: 100.000 members with their events and audit entries are ~300.000 instances."""
    slots, defaults, fresh, fields = _layout(model)
    row = list(defaults)
    for index in fresh:
        row[index] = fields[index].get_default()
    related = []
    for key, value in values.items():
        try:
            index, by_object = slots[key]
        except KeyError:
            raise TypeError(f"{model.__name__}() got an unexpected field '{key}'") from None
        if by_object:
            related.append((fields[index].name, value))
            value = None if value is None else value.pk
        row[index] = value
    if _signalled(model):
        obj = model(*row)
    else:  # what Model.__init__ does with positional values when no pre_init/post_init receiver listens: each value in
        # the instance's __dict__ under its attname (the descriptors' __set__ write there too), a fresh ModelState
        obj = model.__new__(model)
        obj._state = ModelState()
        obj.__dict__.update(zip(_attnames(model), row, strict=True))
    for name, value in related:
        obj._state.fields_cache[name] = value
    return obj


def _signalled(model) -> bool:
    return bool(pre_init.receivers or post_init.receivers) and (pre_init.has_listeners(model) or post_init.has_listeners(model))


@functools.cache
def _attnames(model) -> tuple[str, ...]:
    return tuple(f.attname for f in model._meta.concrete_fields)


def insert(model: type[models.Model], objs: list[models.Model], *, ids: bool = False) -> None:
    if not objs:
        return
    meta = model._meta
    pk = meta.pk
    vendor = connection.vendor
    if ids and vendor not in ("postgresql", "sqlite"):  # pragma: no cover - the project runs on these two
        model.objects.bulk_create(objs)
        return
    keys_first = ids and vendor == "postgresql"
    if keys_first:
        _reserve_keys(model, objs)
    fields = [f for f in meta.concrete_fields if keys_first or not f.primary_key]
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    for obj in objs:
        if obj._state.fields_cache or meta.private_fields:  # nothing cached: no related object whose key to take
            obj._prepare_related_fields_for_save(operation_name="bulk_create")
    _stamp(fields, objs)
    row = _row_maker(fields)
    with connection.cursor() as cursor:
        if vendor == "postgresql":  # COPY: the rows streamed, no statement per row (the keys, when wanted, are reserved)
            with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) FROM STDIN") as copy:
                for obj in objs:
                    copy.write_row(row(obj))
        else:
            for start in range(0, len(objs), BATCH):
                batch = objs[start:start + BATCH]
                cursor.executemany(sql, [row(obj) for obj in batch])
                if ids and vendor == "sqlite":
                    cursor.execute("SELECT last_insert_rowid()")
                    last = cursor.fetchone()[0]
                    for offset, obj in enumerate(batch):
                        setattr(obj, pk.attname, last - len(batch) + 1 + offset)
    alias = connection.alias  # read once: each read of the connection proxy goes through asgiref's Local
    for obj in objs:
        obj._state.adding = False
        obj._state.db = alias


def _stamp(fields, objs, *, adding: bool = True) -> None:
    """What pre_save gives an auto_now (and, when adding, auto_now_add) field, once for the whole call (bulk_create
    reads the clock for every row: the same transaction, a few microseconds apart)."""
    stamped = [f.attname for f in fields if isinstance(f, models.DateTimeField) and (f.auto_now or adding and f.auto_now_add)]
    if stamped:
        now = timezone.now()
        for obj in objs:
            for attname in stamped:
                setattr(obj, attname, now)


def insert_rows(model: type[models.Model], names: list[str], rows: list[tuple]) -> None:
    """INSERT of plain rows, without a model instance a row: each tuple holds the values of the fields `names`
    (by attname: "member_id"), every other field taking the database's default (the key: its sequence). For
    derived rows written in bulk (the members' state intervals, an import's rows); the values are prepared as
    `insert` prepares an instance's (a JSON field's value too). Fields whose value comes from pre_save (auto_now) cannot be named."""
    if not rows:
        return
    meta = model._meta
    fields = [next(f for f in meta.concrete_fields if f.attname == name) for name in names]
    needing = [f.name for f in fields if (_kind(f, from_tuple=True) is None and f.get_internal_type() != "JSONField")
               or getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    if needing:
        raise ValueError(f"insert_rows: {needing} need an instance (use insert)")
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    row = _row_maker(fields, from_tuple=True)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
                for values in rows:
                    copy.write_row(row(values))
        else:
            sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
            for start in range(0, len(rows), BATCH):
                cursor.executemany(sql, [row(values) for values in rows[start:start + BATCH]])


# Fields whose value goes to the database as it is when it is already a str, int, bool or None (what
# get_db_prep_save would return for it); a DateField's date is adapted by the backend as get_db_prep_save
# does; any other value, and every other field, takes the full path.
PLAIN = frozenset({"CharField", "TextField", "BooleanField", "IntegerField", "PositiveIntegerField", "BigIntegerField",
                   "SmallIntegerField", "PositiveSmallIntegerField", "PositiveBigIntegerField", "ForeignKey", "OneToOneField",
                   "AutoField", "BigAutoField"})
_AS_IS = (str, int, bool, type(None))


_AS_IS_TYPES = frozenset(_AS_IS)


def _row_maker(fields, *, from_tuple: bool = False):
    """obj → the list of its values as the database takes them, field by field what `_value` gives, with the
    values read at once (operator.attrgetter) and the common case (texts, numbers, keys, None, dates) checked by
    type in one pass instead of a call per value: the cost of 60 columns × 100.000 members. `from_tuple`: the
    rows are tuples of the fields' values (insert_rows), not instances."""
    kinds = [_kind(f, from_tuple) for f in fields]
    if from_tuple:
        get = tuple
    else:
        get = operator.attrgetter(*(f.attname for f in fields))
        if len(fields) == 1:
            get = (lambda one: lambda obj: (one(obj),))(get)
    plain = [i for i, k in enumerate(kinds) if k == "plain"]
    dates = [i for i, k in enumerate(kinds) if k == "date"]
    moments = [i for i, k in enumerate(kinds) if k == "datetime"]
    files = [i for i, k in enumerate(kinds) if k == "file"]
    other = [i for i, k in enumerate(kinds) if k is None]
    plain_values = operator.itemgetter(*plain) if len(plain) > 1 else (lambda v: tuple(v[i] for i in plain))
    conn = connections[DEFAULT_DB_ALIAS]  # the connection itself, read once (see _value)
    to_date = conn.ops.adapt_datefield_value
    to_moment = conn.ops.adapt_datetimefield_value
    last_moment = [None, None]
    probe = dt.date(2000, 1, 1)
    as_is_dates = to_date(probe) is probe  # PostgreSQL: the driver adapts the date itself

    def row(obj) -> list:
        values = list(get(obj))
        if not _AS_IS_TYPES.issuperset(map(type, plain_values(values))):  # a str subclass (a choice), or a value to convert
            for i in plain:
                value = values[i]
                if type(value) not in _AS_IS_TYPES and not isinstance(value, str):
                    values[i] = _value(obj, fields[i].attname, "plain", fields[i], value, conn)
        for i in dates:
            value = values[i]
            if type(value) is dt.date:
                if not as_is_dates:
                    values[i] = to_date(value)
            elif value is not None:
                values[i] = _value(obj, fields[i].attname, "date", fields[i], value, conn)
        for i in moments:  # an aware datetime (what _stamp sets): DateTimeField.get_db_prep_value without its detours
            value = values[i]
            if type(value) is dt.datetime and value.tzinfo is not None:
                if value is not last_moment[0]:  # _stamp's one value for the whole call: adapted once (SQLite: a text)
                    last_moment[:] = [value, to_moment(value)]
                values[i] = last_moment[1]
            elif value is not None or not from_tuple:
                values[i] = _value(obj, fields[i].attname, None, fields[i], value, conn)
        for i in files:  # a stored (committed) file: its name, as FileField.get_prep_value gives it; else pre_save saves it
            value = values[i]
            values[i] = (value.name or "") if getattr(value, "_committed", False) else _value(obj, fields[i].attname, None,
                                                                                                fields[i], conn=conn)
        for i in other:  # a tuple's JSON value as get_db_prep_save gives it (no pre_save: insert_rows names no such field)
            values[i] = (fields[i].get_db_prep_save(values[i], conn) if from_tuple
                         else _value(obj, fields[i].attname, None, fields[i], conn=conn))
        return values

    return row


_MISSING = object()


def _value(obj, attname, kind, field, value=_MISSING, conn=None):
    # `conn`: the connection itself (row() reads it once), not django.db.connection: each attribute read through that
    # proxy looks the connection up in asgiref's Local (a JSONField's value reads connection.ops: 4 % of an import)
    conn = conn or connections[DEFAULT_DB_ALIAS]
    if isinstance(obj, tuple):  # insert_rows: the value itself, as pre_save returns it for these fields
        return field.get_db_prep_save(value, conn)
    if kind is not None:
        if value is _MISSING:
            value = getattr(obj, attname)
        if kind == "plain" and (type(value) in _AS_IS or isinstance(value, str)):  # str choices: as to_python leaves them
            return value
        if kind == "date" and type(value) is dt.date:  # DateField.get_db_prep_value without its detours
            return conn.ops.adapt_datefield_value(value)
    return field.get_db_prep_save(field.pre_save(obj, True), conn)


def _kind(field, from_tuple: bool = False) -> str | None:
    internal = field.get_internal_type()
    if internal in PLAIN:
        return "plain"
    if internal == "DateField" and not (field.auto_now or field.auto_now_add):
        return "date"
    if internal == "DateTimeField" and settings.USE_TZ:
        return "datetime"
    if internal in ("FileField", "ImageField") and not from_tuple:
        return "file"
    return None


def _reserve_keys(model, objs) -> None:
    meta = model._meta
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                       [meta.db_table, meta.pk.column, len(objs)])
        keys = sorted(row[0] for row in cursor.fetchall())
    for obj, key in zip(objs, keys, strict=True):
        setattr(obj, meta.pk.attname, key)


def update(model: type[models.Model], objs: list[models.Model], fields: list[str]) -> None:
    """What `obj.save(update_fields=fields)` writes for each of `objs` (no signal, no save(), like bulk_update), each
    object once: SQLite, one UPDATE statement sent with `executemany` (instead of bulk_update's CASE … WHEN per batch);
    PostgreSQL, the new values copied into a temporary table (COPY) and one UPDATE … FROM it — an UPDATE a row, even
    pipelined, was a third of an events file's time (38.000 members: the server parsed and ran 38.000 statements)."""
    if not objs:
        return
    if len({obj.pk for obj in objs}) != len(objs):
        raise ValueError("bulk.update: each object once")
    meta = model._meta
    chosen = [meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    _stamp(chosen, objs, adding=False)
    row = _row_maker(chosen)
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            columns = [pk, *(quote(f.column) for f in chosen)]
            temporary = quote(f"bulk_update_{meta.db_table}")
            cursor.execute(f"CREATE TEMPORARY TABLE {temporary} AS SELECT {', '.join(columns)} FROM {table} WITH NO DATA")
            with cursor.cursor.copy(f"COPY {temporary} ({', '.join(columns)}) FROM STDIN") as copy:
                for obj in objs:
                    copy.write_row([obj.pk, *row(obj)])
            cursor.execute(f"UPDATE {table} SET {', '.join(f'{c} = t.{c}' for c in columns[1:])} FROM {temporary} t "
                           f"WHERE {table}.{pk} = t.{pk}")
            cursor.execute(f"DROP TABLE {temporary}")
            return
        sql = f"UPDATE {table} SET {', '.join(quote(f.column) + ' = %s' for f in chosen)} WHERE {pk} = %s"
        for start in range(0, len(objs), BATCH):
            cursor.executemany(sql, [[*row(obj), obj.pk] for obj in objs[start:start + BATCH]])


def delete_where(model: type[models.Model], field: str, values: list) -> None:
    """`DELETE FROM <table> WHERE <field> IN (values)`: what `Model.objects.filter(field__in=values).delete()` removes
    when nothing refers to those rows, without loading them or sending a signal per row (the caller sends what it
    must once). One statement per batch of 500 values (under SQLite's parameter limit)."""
    if not values:
        return
    meta = model._meta
    quote = connection.ops.quote_name
    column = quote(meta.get_field(field).column)
    with connection.cursor() as cursor:
        for start in range(0, len(values), 500):
            chunk = values[start:start + 500]
            cursor.execute(f"DELETE FROM {quote(meta.db_table)} WHERE {column} IN ({', '.join(['%s'] * len(chunk))})", chunk)
