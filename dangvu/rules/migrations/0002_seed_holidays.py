from django.db import migrations


def seed(apps, schema_editor):
    from dangvu.rules.holidays import SOURCE, all_statutory_days

    CalendarDay = apps.get_model("rules", "CalendarDay")
    CalendarDay.objects.bulk_create(
        [CalendarDay(date=d, kind=kind, name=name, source=SOURCE) for d, kind, name in all_statutory_days()],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("rules", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
