"""search_text holds names only: identifying numbers are no longer searched by fragment through it
(members.search finds a citizen ID only whole)."""

from django.db import migrations

from dangvu.core.text import fold

CHUNK = 2000


def names_only(apps, schema_editor):
    Candidate = apps.get_model("admissions", "Candidate")
    last = 0
    while True:  # by ranges of ids: no open cursor on the table while it is written
        rows = list(Candidate.objects.filter(pk__gt=last).order_by("pk")
                    .values_list("pk", "full_name", "other_names", "search_text")[:CHUNK])
        if not rows:
            return
        last = rows[-1][0]
        changed = []
        for pk, full_name, other_names, old in rows:
            new = fold(" ".join(filter(None, [full_name, other_names])))[:300]
            if new != old:
                changed.append(Candidate(pk=pk, search_text=new))
        Candidate.objects.bulk_update(changed, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("admissions", "0003_versioned_base_model")]
    operations = [migrations.RunPython(names_only, migrations.RunPython.noop)]
