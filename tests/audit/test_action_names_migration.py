"""The data migration that names every stored audit action `app.verb` (issue 9 §3)."""

import importlib

from dangvu.audit.models import AuditEntry

migration = importlib.import_module("dangvu.audit.migrations.0002_action_names_app_verb")


class _Apps:
    @staticmethod
    def get_model(app_label, model_name):
        return AuditEntry


def _entry(action, object_type):
    return AuditEntry.objects.create(actor_label="hệ thống", request_id="t", action=action, object_type=object_type,
                                     object_id="1", object_label="x")


OLD_TO_NEW = [
    ("establish", "organizations.organization", "organizations.establish"),
    ("update", "organizations.organization", "organizations.update"),
    ("committee", "organizations.organization", "organizations.committee_change"),
    ("committee_add", "organizations.committeemember", "organizations.seat_add"),
    ("create", "members.member", "members.create"),
    ("update", "members.member", "members.update"),
    ("member.admitted", "members.member", "members.admitted"),
    ("member.exemption_ended", "members.member", "members.exemption_ended"),
    ("reveal", "members.member", "members.reveal"),
    ("document_download_refused", "members.member", "members.document_download_refused"),
    ("create", "admissions.candidate", "admissions.create"),
    ("admission.cell_vote", "admissions.candidate", "admissions.cell_vote"),
    ("admission.withdraw", "admissions.candidate", "admissions.withdraw"),
    ("probation.vote", "members.member", "admissions.probation_vote"),
    ("update", "transfers.exemption", "transfers.exemption_close"),
    ("grant_scope", "accounts.user", "accounts.grant_scope"),
    ("login_failed", "accounts.user", "accounts.login_failed"),
    ("transfers.receive", "transfers.transferletter", "transfers.receive"),
    ("residence.introduce", "residence.residencecontact", "residence.introduce"),
    ("rules.parameter_set", "rules.parametervalue", "rules.parameter_set"),
]


def test_old_names_become_app_verb_and_back(db):
    rows = [(_entry(old, t), old, new) for old, t, new in OLD_TO_NEW]
    migration.forwards(_Apps, None)
    assert [AuditEntry.objects.get(pk=e.pk).action for e, _, _ in rows] == [new for _, _, new in OLD_TO_NEW]
    assert all("." in a for a in AuditEntry.objects.values_list("action", flat=True))
    migration.backwards(_Apps, None)
    assert [AuditEntry.objects.get(pk=e.pk).action for e, _, _ in rows] == [old for _, old, _ in rows]


def test_every_action_written_today_has_a_vietnamese_label(db):
    for _, _, new in OLD_TO_NEW:
        label = str(AuditEntry(action=new).action_label)
        assert label != new and label[:1].isupper(), new
