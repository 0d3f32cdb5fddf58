""""A card number belongs to one member for ever", held by the database itself.

`CardNumber` (unique number → member) is the register of every number ever given. A trigger on the
member table claims in that register whatever number a member row is given, by any path (a
service, a data migration, a shell, raw SQL), and refuses the write (IntegrityError) when the
register holds the number for another member. A number freed by an exchange thus never goes to
someone else, and `Member.party_card_number` cannot drift from the card register.

The trigger is (re)installed by the migration that introduced it and after every `migrate`
(post_migrate, AwardsConfig.ready): SQLite drops a table's triggers when a migration rebuilds the
table, so a later migration of the member table must not silently lose it.
"""

from django.db import connection

TRIGGER = "member_card_number_owner"
MESSAGE = "Số thẻ đảng viên đã cấp cho một đảng viên khác; mỗi số thẻ chỉ thuộc về một đảng viên."

_SQLITE = [f"""
CREATE TRIGGER IF NOT EXISTS {TRIGGER}_{when.lower()} AFTER {when}{of} ON members_member
WHEN NEW.party_card_number IS NOT NULL AND NEW.party_card_number <> ''
BEGIN
    INSERT OR IGNORE INTO awards_cardnumber (number, member_id) VALUES (NEW.party_card_number, NEW.id);
    SELECT RAISE(ABORT, '{MESSAGE}')
    WHERE EXISTS (SELECT 1 FROM awards_cardnumber WHERE number = NEW.party_card_number AND member_id <> NEW.id);
END""" for when, of in (("INSERT", ""), ("UPDATE", " OF party_card_number"))]

_POSTGRESQL = [f"""
CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.party_card_number IS NOT NULL AND NEW.party_card_number <> '' THEN
        INSERT INTO awards_cardnumber (number, member_id) VALUES (NEW.party_card_number, NEW.id)
        ON CONFLICT (number) DO NOTHING;
        IF EXISTS (SELECT 1 FROM awards_cardnumber WHERE number = NEW.party_card_number AND member_id <> NEW.id) THEN
            RAISE EXCEPTION USING ERRCODE = 'unique_violation', MESSAGE = '{MESSAGE}';
        END IF;
    END IF;
    RETURN NULL;
END $$""", f"DROP TRIGGER IF EXISTS {TRIGGER} ON members_member", f"""
CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OF party_card_number ON members_member
FOR EACH ROW EXECUTE FUNCTION {TRIGGER}()"""]

_DROP = {
    "sqlite": [f"DROP TRIGGER IF EXISTS {TRIGGER}_insert", f"DROP TRIGGER IF EXISTS {TRIGGER}_update"],
    "postgresql": [f"DROP TRIGGER IF EXISTS {TRIGGER} ON members_member", f"DROP FUNCTION IF EXISTS {TRIGGER}()"],
}

# Numbers members hold today that the register does not know yet (before the trigger existed).
_BACKFILL = """
INSERT INTO awards_cardnumber (number, member_id)
SELECT m.party_card_number, m.id FROM members_member m
WHERE m.party_card_number IS NOT NULL AND m.party_card_number <> ''
  AND NOT EXISTS (SELECT 1 FROM awards_cardnumber c WHERE c.number = m.party_card_number)"""


def install(schema_editor=None) -> None:
    """Create (or re-create) the trigger; register the numbers members already hold."""
    conn = schema_editor.connection if schema_editor is not None else connection
    statements = {"sqlite": _SQLITE, "postgresql": _POSTGRESQL}.get(conn.vendor)
    if statements is None:
        raise NotImplementedError(f"card number trigger for {conn.vendor}")
    with conn.cursor() as cursor:
        cursor.execute(_BACKFILL)
        for sql in statements:
            cursor.execute(sql)


def uninstall(schema_editor) -> None:
    with schema_editor.connection.cursor() as cursor:
        for sql in _DROP[schema_editor.connection.vendor]:
            cursor.execute(sql)


def installed(conn=connection) -> bool:
    with conn.cursor() as cursor:
        if conn.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s", [f"{TRIGGER}%"])
            return cursor.fetchone()[0] == 2
        cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname = %s", [TRIGGER])
        return cursor.fetchone()[0] == 1


def reinstall_after_migrate(sender, using="default", **kwargs) -> None:
    from django.db import connections

    conn = connections[using]
    tables = conn.introspection.table_names()
    if "members_member" in tables and "awards_cardnumber" in tables and not installed(conn):
        install(conn.schema_editor())
