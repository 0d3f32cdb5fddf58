"""Every audit action is named `app.verb` (issue 9 §3): rename the actions already stored.

"create" and "update" were shared by several apps: the object's type tells which app wrote them.
The reverse migration gives the old names back.
"""

from django.db import migrations

RENAMED = {
    "establish": "organizations.establish",
    "rename": "organizations.rename",
    "move": "organizations.move",
    "merge": "organizations.merge",
    "split": "organizations.split",
    "dissolve": "organizations.dissolve",
    "change_kind": "organizations.change_kind",
    "term_create": "organizations.term_create",
    "term_update": "organizations.term_update",
    "committee": "organizations.committee_change",
    "committee_add": "organizations.seat_add",
    "committee_end": "organizations.seat_end",
    "committee_link": "organizations.seat_link",
    "consolidate": "organizations.consolidate",
    "grant_scope": "accounts.grant_scope",
    "revoke_scope": "accounts.revoke_scope",
    "login_failed": "accounts.login_failed",
    "password_change": "accounts.password_change",
    "reveal": "members.reveal",
    "reveal_refused": "members.reveal_refused",
    "document_add": "members.document_add",
    "document_remove": "members.document_remove",
    "document_download": "members.document_download",
    "document_download_refused": "members.document_download_refused",
    "admission.withdraw": "admissions.withdraw",
    "probation.vote": "admissions.probation_vote",
}
# Prefixes renamed as a whole: member.<event> → members.<event>, admission.<step> → admissions.<step>.
PREFIXES = {"member.": "members.", "admission.": "admissions."}
# The generic verbs, by the type of the object they were about.
BY_TYPE = {
    ("create", "members.member"): "members.create",
    ("update", "members.member"): "members.update",
    ("create", "admissions.candidate"): "admissions.create",
    ("update", "admissions.candidate"): "admissions.update",
    ("update", "organizations.organization"): "organizations.update",
    ("update", "transfers.exemption"): "transfers.exemption_close",
}


def forwards(apps, schema_editor):
    entry = apps.get_model("audit", "AuditEntry")
    for old, new in RENAMED.items():
        entry.objects.filter(action=old).update(action=new)
    for (old, object_type), new in BY_TYPE.items():
        entry.objects.filter(action=old, object_type=object_type).update(action=new)
    for old_prefix, new_prefix in PREFIXES.items():
        for action in entry.objects.filter(action__startswith=old_prefix).values_list("action", flat=True).distinct():
            new = new_prefix + action.removeprefix(old_prefix)
            entry.objects.filter(action=action).update(action=RENAMED.get(action, new))


def backwards(apps, schema_editor):
    entry = apps.get_model("audit", "AuditEntry")
    for (old, object_type), new in BY_TYPE.items():
        entry.objects.filter(action=new, object_type=object_type).update(action=old)
    for old, new in RENAMED.items():
        entry.objects.filter(action=new).update(action=old)
    for old_prefix, new_prefix in PREFIXES.items():
        for action in entry.objects.filter(action__startswith=new_prefix).values_list("action", flat=True).distinct():
            rest = action.removeprefix(new_prefix)
            if old_prefix == "admission." and rest in ("create", "update", "probation_vote"):
                continue
            if old_prefix == "member." and (rest in ("create", "update") or rest.startswith(("reveal", "document_"))):
                continue
            entry.objects.filter(action=action).update(action=old_prefix + rest)


class Migration(migrations.Migration):

    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
