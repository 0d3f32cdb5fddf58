"""search_text holds names only: identifying numbers are no longer searched by fragment through it
(members.search finds them whole for those who may not reveal them)."""

from django.db import migrations

from dangvu.core.text import fold

CHUNK = 2000


def names_only(apps, schema_editor):
    Member = apps.get_model("members", "Member")
    last = 0
    while True:  # by ranges of ids: no open cursor on the table while it is written
        rows = list(Member.objects.filter(pk__gt=last).order_by("pk")
                    .values_list("pk", "full_name", "other_names", "search_text")[:CHUNK])
        if not rows:
            return
        last = rows[-1][0]
        changed = []
        for pk, full_name, other_names, old in rows:
            new = fold(" ".join(filter(None, [full_name, other_names])))[:400]
            if new != old:
                changed.append(Member(pk=pk, search_text=new))
        Member.objects.bulk_update(changed, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("members", "0007_versioned_base_model")]
    operations = [migrations.RunPython(names_only, migrations.RunPython.noop)]
