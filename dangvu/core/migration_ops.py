"""Operations that data migrations share."""

from django.db import migrations


def drop_repeats(label: str, fields: tuple[str, ...]) -> migrations.RunPython:
    """Before a natural key becomes a unique constraint: rows written twice by a repeated request
    (equal on every field of the key) are removed, the first one (lowest id) stays."""

    def run(apps, schema_editor):
        model = apps.get_model(label)
        seen = set()
        for row in model.objects.order_by("pk").values("pk", *fields):
            key = tuple(row[f] for f in fields)
            if key in seen:
                model.objects.filter(pk=row["pk"]).delete()
            seen.add(key)

    return migrations.RunPython(run, migrations.RunPython.noop)
