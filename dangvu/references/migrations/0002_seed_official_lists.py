from django.db import migrations


def seed(apps, schema_editor):
    from dangvu.references.data import seed as seed_lists

    seed_lists(apps.get_model("references", "ReferenceItem"))


class Migration(migrations.Migration):
    dependencies = [("references", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
