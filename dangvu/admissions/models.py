"""Candidates for admission (quần chúng ưu tú / người vào Đảng) and the cell's votes on
probationary members.

A candidate carries the identity the member record will need and the dated steps of the
pipeline. The stage is never typed in: it is derived from the dates recorded
(`Candidate.current_stage`, rules.derive_stage) and cached in `stage` for lists and filters. On
the ceremony the candidate becomes a probationary `members.Member` and is linked to it.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.admissions import rules
from dangvu.admissions.kinds import STEP_DATE_FIELD, IntroducingOrganization, Stage, VoteProposal, WithdrawalKind
from dangvu.admissions.querysets import CandidateQuerySet
from dangvu.core.models import VersionedModel
from dangvu.core.text import fold, person_sort_key
from dangvu.members.kinds import Sex
from dangvu.organizations.kinds import Kind
from dangvu.references.models import ReferenceItem


def _ref(list_code: str, label):
    return models.ForeignKey(ReferenceItem, verbose_name=label, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", limit_choices_to={"list_code": list_code})


def _member(label):
    return models.ForeignKey("members.Member", verbose_name=label, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")


class Candidate(VersionedModel):
    # Identity (what the member record will need, mẫu 2-HSĐV)
    full_name = models.CharField(_("họ và tên khai sinh"), max_length=120)
    other_names = models.CharField(_("tên gọi khác"), max_length=120, blank=True)
    sex = models.CharField(_("giới tính"), max_length=10, choices=Sex.choices)
    date_of_birth = models.DateField(_("ngày sinh"))
    citizen_id = models.CharField(_("số CCCD/định danh"), max_length=12, null=True, blank=True)
    place_of_birth = models.CharField(_("nơi đăng ký khai sinh"), max_length=255, blank=True)
    home_town = models.CharField(_("quê quán"), max_length=255, blank=True)
    permanent_address = models.CharField(_("nơi thường trú"), max_length=255, blank=True)
    current_address = models.CharField(_("nơi ở hiện nay"), max_length=255, blank=True)
    ethnicity = _ref("ethnicity", _("dân tộc"))
    religion = _ref("religion", _("tôn giáo"))
    general_education = _ref("general_education", _("giáo dục phổ thông"))
    occupation = _ref("occupation", _("nghề nghiệp"))
    workplace = models.CharField(_("nơi làm việc, học tập"), max_length=255, blank=True)
    position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    youth_union_date = models.DateField(_("ngày vào Đoàn"), null=True, blank=True)
    # The cell that proposes the candidate
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("chi bộ đề nghị"), on_delete=models.PROTECT,
                                     related_name="candidates")
    # A3: awareness class
    awareness_certificate_date = models.DateField(_("ngày cấp giấy chứng nhận lớp nhận thức về Đảng"), null=True, blank=True)
    awareness_certificate_number = models.CharField(_("số giấy chứng nhận"), max_length=60, blank=True)
    awareness_certificate_issuer = models.CharField(_("nơi cấp giấy chứng nhận"), max_length=255, blank=True)
    # Filled by the training app when the certificate comes from a class it recorded (its name, organizer,
    # dates); empty for a certificate typed by hand (one issued before the class was kept in Đảng Vụ).
    awareness_class = models.CharField(_("lớp bồi dưỡng cấp giấy chứng nhận"), max_length=255, blank=True)
    # A4: application, then background statement; A7: verification
    application_date = models.DateField(_("ngày đơn xin vào Đảng"), null=True, blank=True)
    background_statement_date = models.DateField(_("ngày khai lý lịch"), null=True, blank=True)
    verification_completed_date = models.DateField(_("ngày hoàn thành thẩm tra lý lịch"), null=True, blank=True)
    verification_note = models.TextField(_("kết quả thẩm tra"), blank=True)
    # A8, A9: introducers
    introduction_date = models.DateField(_("ngày giới thiệu"), null=True, blank=True)
    introducing_organization = models.CharField(_("hình thức giới thiệu"), max_length=20, blank=True,
                                                choices=IntroducingOrganization.choices)
    introducing_organization_name = models.CharField(_("tổ chức giới thiệu"), max_length=255, blank=True)
    introducer_1 = _member(_("người giới thiệu thứ nhất"))
    introducer_1_since = models.DateField(_("cùng công tác với người thứ nhất từ ngày"), null=True, blank=True)
    introducer_2 = _member(_("người giới thiệu thứ hai"))
    introducer_2_since = models.DateField(_("cùng công tác với người thứ hai từ ngày"), null=True, blank=True)
    # A1, A10: the cell's vote
    cell_meeting_date = models.DateField(_("ngày chi bộ xét"), null=True, blank=True)
    cell_full_members = models.PositiveIntegerField(_("số đảng viên chính thức của chi bộ"), null=True, blank=True)
    cell_votes_for = models.PositiveIntegerField(_("số tán thành ở chi bộ"), null=True, blank=True)
    cell_resolution_number = models.CharField(_("số nghị quyết chi bộ"), max_length=60, blank=True)
    age_exception_decision = models.CharField(_("quyết định cho kết nạp người trên 60 tuổi"), max_length=60, blank=True)
    age_exception_reason = models.TextField(_("lý do kết nạp người trên 60 tuổi"), blank=True)
    # A11: the grassroots committee's vote
    committee_meeting_date = models.DateField(_("ngày đảng ủy cơ sở xét"), null=True, blank=True)
    committee_members = models.PositiveIntegerField(_("số cấp ủy viên"), null=True, blank=True)
    committee_votes_for = models.PositiveIntegerField(_("số tán thành ở đảng ủy"), null=True, blank=True)
    # A12, A13: the decision
    decision_number = models.CharField(_("số quyết định kết nạp"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định kết nạp"), null=True, blank=True)
    deciding_body = models.CharField(_("cấp ủy quyết định"), max_length=200, blank=True)
    decision_delegated = models.BooleanField(_("đảng ủy cơ sở được ủy quyền kết nạp"), default=False)
    decision_extension_reason = models.TextField(_("lý do gia hạn"), blank=True)
    # A14: the ceremony
    ceremony_date = models.DateField(_("ngày lễ kết nạp"), null=True, blank=True)
    ceremony_delay_consent = models.CharField(_("văn bản đồng ý tổ chức lễ muộn"), max_length=255, blank=True)
    # A14 counts from the day the cell received the decision (the decision date when not recorded).
    decision_received_date = models.DateField(_("ngày chi bộ nhận quyết định kết nạp"), null=True, blank=True)
    member = models.OneToOneField("members.Member", verbose_name=_("hồ sơ đảng viên"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="candidate")
    # Withdrawal or rejection
    withdrawn_on = models.DateField(_("ngày dừng xem xét"), null=True, blank=True)
    withdrawal_kind = models.CharField(_("hình thức"), max_length=20, blank=True, choices=WithdrawalKind.choices)
    withdrawal_reason = models.TextField(_("lý do"), blank=True)
    # Derived and bookkeeping
    stage = models.CharField(_("giai đoạn"), max_length=30, choices=Stage.choices, default=Stage.PROPOSED, db_index=True)
    search_text = models.CharField(max_length=300, editable=False)
    name_key = models.CharField(max_length=500, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = CandidateQuerySet.as_manager()

    IDENTITY_FIELDS = [
        "full_name", "other_names", "sex", "date_of_birth", "citizen_id", "place_of_birth", "home_town", "permanent_address",
        "current_address", "ethnicity", "religion", "general_education", "occupation", "workplace", "position",
        "youth_union_date",
    ]
    STEP_FIELDS = [
        "awareness_certificate_date", "awareness_certificate_number", "awareness_certificate_issuer", "awareness_class",
        "application_date", "background_statement_date",
        "verification_completed_date", "verification_note", "introduction_date", "introducing_organization",
        "introducing_organization_name", "introducer_1", "introducer_1_since", "introducer_2", "introducer_2_since",
        "cell_meeting_date", "cell_full_members", "cell_votes_for", "cell_resolution_number", "age_exception_decision",
        "age_exception_reason", "committee_meeting_date", "committee_members", "committee_votes_for", "decision_number",
        "decision_date", "deciding_body", "decision_delegated", "decision_extension_reason", "ceremony_date",
        "ceremony_delay_consent", "decision_received_date", "member", "withdrawn_on", "withdrawal_kind", "withdrawal_reason",
    ]
    AUDIT_FIELDS = IDENTITY_FIELDS + ["organization"] + STEP_FIELDS + ["stage"]

    class Meta:
        verbose_name = _("người vào Đảng")
        verbose_name_plural = _("người vào Đảng")
        ordering = ["name_key", "id"]
        indexes = [
            models.Index(fields=["organization", "stage"], name="candidate_org_stage"),
            models.Index(fields=["name_key"], name="candidate_name_key"),
        ]
        constraints = [
            # A 2/3 vote can only be recorded with its counts.
            models.CheckConstraint(condition=Q(cell_meeting_date__isnull=True)
                                   | (Q(cell_full_members__isnull=False) & Q(cell_votes_for__isnull=False)),
                                   name="candidate_cell_vote_counts"),
            models.CheckConstraint(condition=Q(withdrawn_on__isnull=True) | ~Q(withdrawal_reason=""),
                                   name="candidate_withdrawal_reason"),
            # A person (by CCCD) is on the list of open candidates once: a repeated "add" is refused.
            models.UniqueConstraint(fields=["citizen_id"], condition=Q(citizen_id__isnull=False, withdrawn_on__isnull=True,
                                                                      member__isnull=True),
                                    name="candidate_open_once"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        # Names only: the citizen ID is found whole (members.search), never by a fragment.
        self.search_text = fold(" ".join(filter(None, [self.full_name, self.other_names])))[:300]
        self.name_key = person_sort_key(self.full_name)[:500]
        super().save(*args, **kwargs)

    # ------------------------------------------------------------ derived

    @property
    def needs_committee_vote(self) -> bool:
        """A grassroots cell votes as the grassroots level: no separate committee vote (A11)."""
        return self.organization.kind != Kind.GRASSROOTS_CELL or self.committee_meeting_date is not None

    def step_dates(self) -> dict[str, dt.date | None]:
        return {step: getattr(self, f) for step, f in STEP_DATE_FIELD.items()}

    @property
    def current_stage(self) -> str:
        """The stage derived from the dates recorded (the `stage` column caches it)."""
        return rules.derive_stage(self.step_dates(), withdrawn=self.withdrawn_on is not None,
                                  needs_committee_vote=self.needs_committee_vote)

    @property
    def next_step(self) -> str | None:
        return rules.next_step(self.step_dates(), withdrawn=self.withdrawn_on is not None,
                               needs_committee_vote=self.needs_committee_vote)

    @property
    def is_open(self) -> bool:
        return self.withdrawn_on is None and self.ceremony_date is None


class ProbationVote(models.Model):
    """One vote of a cell on a probationary member: to recognize them as a full member or to strike
    them off (P1, P2, P8). Votes below two thirds are kept: after three of them the case goes to
    the superior committee (P5)."""

    member = models.ForeignKey("members.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT,
                               related_name="probation_votes")
    probation_start = models.DateField(_("ngày bắt đầu dự bị"))
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("chi bộ"), on_delete=models.PROTECT,
                                     related_name="+")
    meeting_date = models.DateField(_("ngày chi bộ xét"))
    proposal = models.CharField(_("nội dung biểu quyết"), max_length=20, choices=VoteProposal.choices)
    full_members = models.PositiveIntegerField(_("số đảng viên chính thức của chi bộ"))
    votes_for = models.PositiveIntegerField(_("số tán thành"))
    passed = models.BooleanField(_("đạt 2/3"))
    resolution_number = models.CharField(_("số nghị quyết"), max_length=60, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_by_label = models.CharField(max_length=200, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    AUDIT_FIELDS = ["member", "probation_start", "organization", "meeting_date", "proposal", "full_members", "votes_for",
                    "passed", "resolution_number"]

    class Meta:
        verbose_name = _("biểu quyết của chi bộ về đảng viên dự bị")
        verbose_name_plural = _("biểu quyết của chi bộ về đảng viên dự bị")
        ordering = ["member", "meeting_date", "id"]
        indexes = [models.Index(fields=["member", "probation_start"], name="pvote_member")]
        constraints = [
            models.CheckConstraint(condition=Q(votes_for__lte=models.F("full_members")), name="pvote_counts"),
            # Its natural key: the cell votes once per meeting on a proposal (a repeated post is refused,
            # not counted as another failed vote, P5).
            models.UniqueConstraint(fields=["member", "probation_start", "meeting_date", "proposal"], name="pvote_once"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.get_proposal_display()} {self.meeting_date:%d/%m/%Y} {self.votes_for}/{self.full_members}"
