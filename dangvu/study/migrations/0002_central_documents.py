"""The library starts with the central documents of 2021–2025 (dangvu.study.library)."""

from django.db import migrations

from dangvu.core.text import fold
from dangvu.study.library import CENTRAL_DOCUMENTS


def load(apps, schema_editor):
    StudyDocument = apps.get_model("study", "StudyDocument")
    StudyDocument.objects.bulk_create([
        StudyDocument(kind=kind, number=number, issuer=issuer, issued_on=issued_on, title=title, short_name=short,
                      level="all", search_key=fold(f"{number} {title} {short}"))
        for kind, number, issuer, issued_on, title, short, _code in CENTRAL_DOCUMENTS
        if not StudyDocument.objects.filter(number=number).exists()])


def unload(apps, schema_editor):
    apps.get_model("study", "StudyDocument").objects.filter(number__in=[d[1] for d in CENTRAL_DOCUMENTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("study", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
