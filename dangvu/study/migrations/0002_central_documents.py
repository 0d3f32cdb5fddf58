"""The library starts with the central documents of 2021–2025 (dangvu.study.library)."""

from django.db import migrations


def load(apps, schema_editor):
    from dangvu.study.library import seed

    seed(apps.get_model("study", "StudyDocument"))


class Migration(migrations.Migration):
    dependencies = [("study", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
