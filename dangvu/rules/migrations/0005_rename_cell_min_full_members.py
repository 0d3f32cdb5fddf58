"""O1 and P7 are one rule: the stored values of the former parameter move to its new key."""

from django.db import migrations

OLD, NEW = "probation.cell_min_full_members", "organization.cell_min_full_members"


def forward(apps, schema_editor):
    apps.get_model("rules", "ParameterValue").objects.filter(key=OLD).update(key=NEW)


def backward(apps, schema_editor):
    apps.get_model("rules", "ParameterValue").objects.filter(key=NEW).update(key=OLD)


class Migration(migrations.Migration):
    dependencies = [("rules", "0004_official_holidays_2016_2026")]
    operations = [migrations.RunPython(forward, backward)]
