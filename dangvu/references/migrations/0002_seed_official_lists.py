from django.db import migrations


def seed(apps, schema_editor):
    from dangvu.references.data import rows

    ReferenceItem = apps.get_model("references", "ReferenceItem")
    existing = set(ReferenceItem.objects.values_list("list_code", "code"))
    ReferenceItem.objects.bulk_create([
        ReferenceItem(list_code=list_code, code=code, name=name, sort_order=order, rank=rank)
        for list_code, code, name, order, rank in rows() if (list_code, code) not in existing
    ])


class Migration(migrations.Migration):
    dependencies = [("references", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
