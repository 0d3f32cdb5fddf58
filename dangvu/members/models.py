"""The member register: the record (phiếu đảng viên, mẫu 2-HSĐV), its dated events, and the
state intervals derived from the events.

Status and current cell are never typed in: they are derived by replaying `MembershipEvent`
rows (rules.replay) and stored as `MemberState` intervals [valid_from, valid_to) so that "who was
a member of which cell, with which status, on 31/12/2020" is one indexed query. `Member.status`
and `Member.organization` cache the present interval for fast lists.
"""

import functools

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import VersionedModel
from dangvu.core.text import fold, person_sort_key
from dangvu.members.kinds import DocumentType, EventType, Sex, Status, removal_ground_choices
from dangvu.members.querysets import MemberQuerySet, StateQuerySet
from dangvu.references.models import ReferenceItem


def _ref(list_code: str, label: str):
    return models.ForeignKey(ReferenceItem, verbose_name=label, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", limit_choices_to={"list_code": list_code})


class Member(VersionedModel):
    # Identity
    full_name = models.CharField(_("họ và tên khai sinh"), max_length=120)
    other_names = models.CharField(_("tên gọi khác"), max_length=120, blank=True)
    sex = models.CharField(_("giới tính"), max_length=10, choices=Sex.choices)
    date_of_birth = models.DateField(_("ngày sinh"))
    place_of_birth = models.CharField(_("nơi đăng ký khai sinh"), max_length=255, blank=True)
    home_town = models.CharField(_("quê quán"), max_length=255, blank=True)
    permanent_address = models.CharField(_("nơi thường trú"), max_length=255, blank=True)
    current_address = models.CharField(_("nơi ở hiện nay"), max_length=255, blank=True)
    ethnicity = _ref("ethnicity", _("dân tộc"))
    religion = _ref("religion", _("tôn giáo"))
    citizen_id = models.CharField(_("số CCCD/định danh"), max_length=12, null=True, blank=True, unique=True)
    party_card_number = models.CharField(_("số thẻ đảng viên"), max_length=12, null=True, blank=True, unique=True)
    record_number = models.CharField(_("số lý lịch"), max_length=20, blank=True)
    photo = models.FileField(_("ảnh 3×4"), upload_to="members/photos/", blank=True)
    # Qualifications (highest level only, biểu 3-TCTW)
    general_education = _ref("general_education", _("giáo dục phổ thông"))
    professional = _ref("professional", _("chuyên môn nghiệp vụ"))
    academic_degree = _ref("academic_degree", _("học vị"))
    academic_title = _ref("academic_title", _("học hàm"))
    theory_level = _ref("theory_level", _("lý luận chính trị"))
    foreign_language = models.CharField(_("ngoại ngữ"), max_length=120, blank=True)
    it_level = models.CharField(_("tin học"), max_length=120, blank=True)
    # Work
    occupation = _ref("occupation", _("nghề nghiệp"))
    workplace = models.CharField(_("nơi làm việc"), max_length=255, blank=True)
    position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    youth_union_date = models.DateField(_("ngày vào Đoàn"), null=True, blank=True)
    # Admission (item 12 of the form)
    admission_decision_date = models.DateField(_("ngày quyết định kết nạp"), null=True, blank=True)
    ceremony_date = models.DateField(_("ngày lễ kết nạp"), null=True, blank=True)
    admitted_in = models.CharField(_("chi bộ kết nạp"), max_length=255, blank=True)
    # A1: admitting a person over the maximum age needs the decision of a committee directly under
    # the Centre; its number and date are kept with the record.
    admission_age_exception = models.CharField(_("quyết định cho kết nạp người quá tuổi"), max_length=120, blank=True)
    introducer_1 = models.CharField(_("người giới thiệu thứ nhất"), max_length=255, blank=True)
    introducer_2 = models.CharField(_("người giới thiệu thứ hai"), max_length=255, blank=True)
    recognition_date = models.DateField(_("ngày công nhận chính thức"), null=True, blank=True)
    # Flags and family
    is_army = models.BooleanField(_("quân đội"), default=False)
    is_police = models.BooleanField(_("công an"), default=False)
    is_retired = models.BooleanField(_("hưu trí"), default=False)
    health = models.CharField(_("tình trạng sức khỏe"), max_length=120, blank=True)
    war_invalid_grade = models.CharField(_("thương binh hạng"), max_length=20, blank=True)
    martyr_family = models.BooleanField(_("gia đình liệt sĩ"), default=False)
    merit_family = models.BooleanField(_("gia đình có công"), default=False)
    # Derived from the events (never typed in)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, blank=True, db_index=True)
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("tổ chức đảng đang sinh hoạt"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="members")
    is_exempted = models.BooleanField(_("đang miễn sinh hoạt"), default=False)
    is_suspended = models.BooleanField(_("đang đình chỉ sinh hoạt"), default=False)
    first_admission_date = models.DateField(_("ngày vào Đảng (lần đầu)"), null=True, blank=True)
    days_outside = models.PositiveIntegerField(_("số ngày ngoài Đảng"), default=0)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="member")
    # Search and sort
    search_text = models.CharField(max_length=400, editable=False)
    name_key = models.CharField(max_length=500, editable=False)

    objects = MemberQuerySet.as_manager()

    SENSITIVE_FIELDS = ("citizen_id", "party_card_number", "photo", "permanent_address", "current_address")
    RECORD_FIELDS = [
        "full_name", "other_names", "sex", "date_of_birth", "place_of_birth", "home_town", "permanent_address",
        "current_address", "ethnicity", "religion", "citizen_id", "party_card_number", "record_number", "general_education",
        "professional", "academic_degree", "academic_title", "theory_level", "foreign_language", "it_level", "occupation",
        "workplace", "position", "youth_union_date", "admission_decision_date", "ceremony_date", "admitted_in",
        "admission_age_exception", "introducer_1", "introducer_2", "recognition_date", "is_army", "is_police", "is_retired", "health",
        "war_invalid_grade", "martyr_family", "merit_family",
    ]
    AUDIT_FIELDS = RECORD_FIELDS + ["status", "organization", "is_exempted", "is_suspended"]

    class Meta:
        verbose_name = "đảng viên"
        verbose_name_plural = "đảng viên"
        ordering = ["name_key", "id"]
        indexes = [
            models.Index(fields=["organization", "name_key"], name="member_org"),
            models.Index(fields=["name_key"], name="member_name_key"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.fill_search_fields()
        super().save(*args, **kwargs)

    def fill_search_fields(self) -> None:
        """What save() derives from the name (a set-based write, which calls no save(), calls it itself)."""
        # Names only: identifying numbers are searched by members.search (whole numbers for those who may not see them).
        self.search_text, self.name_key = _name_fields(self.full_name, self.other_names)

    @property
    def in_party(self) -> bool:
        return self.status in (Status.PROBATIONARY, Status.FULL)


@functools.lru_cache(maxsize=65536)
def _name_fields(full_name: str, other_names: str) -> tuple[str, str]:
    """The search text and the name's sort key: computed once a name (a register repeats names), pure text."""
    return fold(" ".join(filter(None, [full_name, other_names])))[:400], person_sort_key(full_name)[:500]


class EventManager(models.Manager):
    """The events in force: an event annulled by a later decision (an expulsion cancelled on appeal) is left out,
    so the replay, the as-of queries, the flows and the exports read the history as if it had never happened.
    `MembershipEvent.with_annulled` keeps every row (the record page's history shows both)."""

    def get_queryset(self):
        return super().get_queryset().filter(annulled_on__isnull=True)


class AllEventsManager(models.Manager):
    """Every event as recorded, the annulled ones included."""


class MembershipEvent(models.Model):
    member = models.ForeignKey(Member, verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="events")
    event_type = models.CharField(_("sự kiện"), max_length=30, choices=EventType.choices)
    effective_date = models.DateField(_("ngày hiệu lực"))
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("tổ chức đảng"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    from_organization = models.ForeignKey("organizations.Organization", verbose_name=_("từ tổ chức"), null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="+")
    external_place = models.CharField(_("nơi đến/nơi đi ngoài hệ thống"), max_length=255, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    deciding_body = models.CharField(_("cơ quan quyết định"), max_length=200, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    ground = models.CharField(_("căn cứ ra khỏi Đảng"), max_length=30, choices=removal_ground_choices, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_by_label = models.CharField(max_length=200, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    # Annulled by a later decision (members.services.annul_expulsion: an appeal decision cancelled the expulsion or
    # changed it to a lighter form). The row stays as recorded; these fields say when and by which decision.
    annulled_on = models.DateField(_("ngày hủy bỏ"), null=True, blank=True)
    annulment_number = models.CharField(_("số quyết định hủy bỏ"), max_length=60, blank=True)
    annulment_date = models.DateField(_("ngày quyết định hủy bỏ"), null=True, blank=True)
    annulment_body = models.CharField(_("cơ quan quyết định hủy bỏ"), max_length=200, blank=True)
    annulment_reason = models.TextField(_("lý do hủy bỏ"), blank=True)

    objects = EventManager()
    with_annulled = AllEventsManager()

    AUDIT_FIELDS = ["event_type", "effective_date", "organization", "from_organization", "external_place", "decision_number",
                    "decision_date", "deciding_body", "reason", "ground", "annulled_on", "annulment_number", "annulment_date",
                    "annulment_body", "annulment_reason"]

    class Meta:
        verbose_name = "sự kiện đảng viên"
        verbose_name_plural = "sự kiện đảng viên"
        ordering = ["effective_date", "id"]
        indexes = [models.Index(fields=["member", "effective_date"], name="mevent_member"),
                   models.Index(fields=["effective_date"], name="mevent_date")]  # the flows of a period

    def __str__(self) -> str:
        return f"{self.get_event_type_display()} {self.effective_date:%d/%m/%Y}"


class MemberState(models.Model):
    """A stretch of time over which a member's status and cell stayed the same (derived)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="states")
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices)
    organization = models.ForeignKey("organizations.Organization", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+")
    temporary_organization = models.ForeignKey("organizations.Organization", null=True, blank=True, on_delete=models.PROTECT,
                                                related_name="+")
    is_exempted = models.BooleanField(default=False)
    is_suspended = models.BooleanField(default=False)

    objects = StateQuerySet.as_manager()

    class Meta:
        ordering = ["member", "valid_from"]
        indexes = [
            models.Index(fields=["organization", "valid_from"], name="mstate_org"),
            models.Index(fields=["member", "valid_from"], name="mstate_member"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                                   name="mstate_positive_span"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.status} {self.valid_from:%d/%m/%Y}–{self.valid_to or ''}"


class MemberDocument(models.Model):
    """One document of a member file (hồ sơ đảng viên), scanned or born digital.

    The file is confidential (domain-rules M10): it is stored outside any public URL and only
    streamed by an audited view. Documents are never deleted: one filed by mistake is marked
    removed, with who, when and why, and stays listed (greyed) for the officers.
    """

    member = models.ForeignKey(Member, verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="documents")
    doc_type = models.CharField(_("loại tài liệu"), max_length=30, choices=DocumentType.choices)
    title = models.CharField(_("tiêu đề"), max_length=255)
    document_number = models.CharField(_("số văn bản"), max_length=60, blank=True)
    document_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    file = models.FileField(_("tệp"), upload_to="members/documents/%Y/", max_length=255)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    content_type = models.CharField(_("kiểu tệp"), max_length=100)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_by_label = models.CharField(_("người tải lên"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)
    removed_at = models.DateTimeField(_("thời điểm gỡ bỏ"), null=True, blank=True)
    removed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    removed_by_label = models.CharField(_("người gỡ bỏ"), max_length=200, blank=True)
    removal_reason = models.TextField(_("lý do gỡ bỏ"), blank=True)

    class Meta:
        verbose_name = "tài liệu hồ sơ đảng viên"
        verbose_name_plural = "tài liệu hồ sơ đảng viên"
        ordering = ["member", "-uploaded_at", "-id"]
        indexes = [models.Index(fields=["member", "uploaded_at"], name="mdoc_member")]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="mdoc_title_required"),
            models.CheckConstraint(condition=~Q(sha256=""), name="mdoc_sha256_required"),
            # Removed ⇔ a time and a reason; never one without the other.
            models.CheckConstraint(condition=(Q(removed_at__isnull=True) & Q(removal_reason=""))
                                   | (Q(removed_at__isnull=False) & ~Q(removal_reason="")), name="mdoc_removal_complete"),
        ]

    def __str__(self) -> str:
        return f"{self.get_doc_type_display()}: {self.title}"

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


class TheoryLevelRecord(models.Model):
    """One political theory qualification a member obtained (bằng, chứng chỉ lý luận chính trị), dated.

    The history is append-only: `Member.theory_level` caches the highest level recorded here (biểu
    3-TCTW counts the highest only) and is never lowered by a later, lower certificate. Written by
    `members.services.record_theory_level` (the training app calls it when a class's certificate is issued).
    """

    member = models.ForeignKey(Member, verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="theory_records")
    level = models.ForeignKey(ReferenceItem, verbose_name=_("trình độ lý luận chính trị"), on_delete=models.PROTECT,
                              related_name="+", limit_choices_to={"list_code": "theory_level"})
    obtained_on = models.DateField(_("ngày cấp bằng, chứng chỉ"))
    certificate_number = models.CharField(_("số bằng, chứng chỉ"), max_length=60, blank=True)
    issuer = models.CharField(_("nơi cấp"), max_length=255, blank=True)
    source = models.CharField(_("căn cứ ghi nhận"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_by_label = models.CharField(max_length=200, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    AUDIT_FIELDS = ["member", "level", "obtained_on", "certificate_number", "issuer", "source"]

    class Meta:
        verbose_name = "trình độ lý luận chính trị của đảng viên"
        verbose_name_plural = "trình độ lý luận chính trị của đảng viên"
        ordering = ["member", "obtained_on", "id"]
        indexes = [models.Index(fields=["member", "obtained_on"], name="mtheory_member"),
                   models.Index(fields=["obtained_on"], name="mtheory_date")]
        constraints = [models.UniqueConstraint(fields=["member", "level", "obtained_on"], name="mtheory_once")]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.level_id} {self.obtained_on:%d/%m/%Y}"
