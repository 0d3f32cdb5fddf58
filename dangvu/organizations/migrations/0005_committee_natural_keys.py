from django.db import migrations, models


def drop_repeats(apps, schema_editor):
    """Seats written twice by a repeated request before this constraint existed (the same member,
    position and start date, still open): the first stays. Any other member holding two open seats
    in a term is a conflict a person must settle (end one seat): the migration says which."""
    seat_model = apps.get_model("organizations", "CommitteeMember")
    seen: dict = {}
    conflicts = []
    for seat in seat_model.objects.filter(member__isnull=False, end_date__isnull=True).order_by("pk"):
        exact = (seat.term_id, seat.member_id, seat.position, seat.start_date)
        if exact in seen:
            seat.delete()
            continue
        if any(k[:2] == exact[:2] for k in seen):
            conflicts.append(f"nhiệm kỳ #{seat.term_id}, đảng viên #{seat.member_id}, ghế #{seat.pk}")
        seen[exact] = seat.pk
    if conflicts:
        raise RuntimeError("Một đảng viên giữ hai ghế chưa kết thúc trong cùng nhiệm kỳ; hãy ghi thôi giữ một ghế rồi "
                           "chạy lại migrate: " + "; ".join(conflicts))


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0007_versioned_base_model'),
        ('organizations', '0004_versioned_committees'),
    ]

    operations = [
        migrations.RunPython(drop_repeats, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='committeemember',
            constraint=models.UniqueConstraint(condition=models.Q(('end_date__isnull', True)), fields=('term', 'member'), name='seat_one_open_per_member'),
        ),
        migrations.AddConstraint(
            model_name='committeeterm',
            constraint=models.UniqueConstraint(fields=('organization', 'start_date'), name='term_one_per_start'),
        ),
    ]
