from django.db import migrations


def replace_computed(apps, schema_editor):
    """For 2016–2026, the computed statutory days (seeded by 0002) give way to the official days off
    of each year's notice; days an administrator entered by hand stay."""
    from dangvu.rules.holidays import OFFICIAL, SOURCE, calendar_days

    CalendarDay = apps.get_model("rules", "CalendarDay")
    for year in OFFICIAL:
        CalendarDay.objects.filter(date__year=year, source=SOURCE).delete()
        taken = set(CalendarDay.objects.filter(date__year__in=(year, year - 1, year + 1)).values_list("date", flat=True))
        CalendarDay.objects.bulk_create([CalendarDay(date=d, kind=kind, name=name, source=source)
                                         for d, kind, name, source in calendar_days(year) if d not in taken])


class Migration(migrations.Migration):
    dependencies = [("rules", "0003_parameter_decimal_province")]
    operations = [migrations.RunPython(replace_computed, migrations.RunPython.noop)]
