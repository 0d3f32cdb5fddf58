"""A card number belongs to one member for ever, in the database (dangvu/awards/card_numbers.py)."""

from django.db import migrations


def install(apps, schema_editor):
    from dangvu.awards import card_numbers

    card_numbers.install(schema_editor)


def uninstall(apps, schema_editor):
    from dangvu.awards import card_numbers

    card_numbers.uninstall(schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0004_card_issued_once'),
        ('members', '0007_versioned_base_model'),
    ]

    operations = [migrations.RunPython(install, uninstall)]
