"""The organization tree with its dated history.

- `Organization` is the identity of an organization and its present (or, once ended, last)
  state. Its `path` is a materialized path of ids ("/1/12/340/"): ids are never reused, so a
  path names one position in the tree for ever, and "everything under X" is one indexed prefix
  filter on both SQLite and PostgreSQL.
- `OrganizationVersion` rows are the tree through time: each holds the parent, path, name and
  kind an organization had over [valid_from, valid_to). "The tree as of 31/12/2020" is the
  versions valid on that day; nothing is overwritten.
- `OrganizationEvent` rows are the dated lifecycle decisions (establish, rename, move, merge,
  split, dissolve, change kind) with decision number and deciding body: append-only.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

from dangvu.core.choices import TranslatedTextChoices
from dangvu.core.models import VersionedModel
from dangvu.core.text import fold, sort_key
from dangvu.organizations.kinds import EndReason, EventType, Kind, UnitType
from dangvu.organizations.querysets import OrganizationQuerySet, VersionQuerySet


class Organization(VersionedModel):
    code = models.CharField(_("mã tổ chức"), max_length=40, unique=True)
    name = models.CharField(_("tên tổ chức"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    kind = models.CharField(_("loại hình tổ chức"), max_length=30, choices=Kind.choices)
    unit_type = models.CharField(_("loại hình đơn vị"), max_length=30, choices=UnitType.choices, default=UnitType.OTHER)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    # A9: in a unit with a Youth Union organization an applicant of youth age is introduced by the
    # Youth Union's grassroots executive and one full member; where there is none, by two full members.
    has_youth_union = models.BooleanField(_("đơn vị có tổ chức Đoàn TNCS Hồ Chí Minh"), default=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("trực thuộc"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(_("đường dẫn"), max_length=255, unique=True)
    depth = models.PositiveSmallIntegerField(_("cấp"), default=1)
    established_on = models.DateField(_("ngày thành lập"))
    ended_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    end_reason = models.CharField(_("lý do kết thúc"), max_length=20, choices=EndReason.choices, blank=True)
    successor = models.ForeignKey(
        "self", verbose_name=_("tổ chức kế tục (sáp nhập, hợp nhất vào)"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    search_text = models.CharField(max_length=400, editable=False, db_index=True)
    name_key = models.CharField(max_length=800, editable=False)

    objects = OrganizationQuerySet.as_manager()

    AUDIT_FIELDS = [
        "code", "name", "short_name", "kind", "unit_type", "address", "has_youth_union", "parent", "established_on",
        "ended_on", "end_reason", "successor",
    ]

    class Meta:
        verbose_name = _("tổ chức đảng")
        verbose_name_plural = _("tổ chức đảng")
        ordering = ["name_key"]
        indexes = [
            models.Index(fields=["path"], name="org_path_prefix", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["parent", "name_key"], name="org_children"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("established_on")),
                name="org_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.name} {self.short_name} {self.code}")[:400]
        self.name_key = sort_key(self.name)[:800]
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.ended_on is None

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/")[:-1]]

    def ancestors(self):
        ids = self.ancestor_ids()
        found = {o.pk: o for o in Organization.objects.filter(pk__in=ids)}
        return [found[i] for i in ids if i in found]


class OrganizationEvent(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name=_("tổ chức"), on_delete=models.PROTECT, related_name="events"
    )
    event_type = models.CharField(_("sự kiện"), max_length=20, choices=EventType.choices)
    effective_date = models.DateField(_("ngày hiệu lực"))
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    deciding_body = models.CharField(_("cơ quan quyết định"), max_length=200, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    related = models.ForeignKey(
        Organization, verbose_name=_("tổ chức liên quan"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    data = models.JSONField(_("chi tiết"), default=dict, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by_label = models.CharField(max_length=200, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sự kiện tổ chức")
        verbose_name_plural = _("sự kiện tổ chức")
        ordering = ["effective_date", "id"]
        indexes = [models.Index(fields=["organization", "effective_date"])]

    def __str__(self) -> str:
        return f"{self.get_event_type_display()} {self.organization} {self.effective_date:%d/%m/%Y}"

    def describe(self) -> str:
        """A sentence for the history tab, in the active language (Vietnamese by default)."""
        d = self.data or {}
        t = self.event_type
        root = gettext("(gốc)")
        if t == EventType.ESTABLISH:
            if d.get("consolidated_from"):
                return gettext("Thành lập “%(name)s” do hợp nhất %(sources)s") % {
                    "name": d.get("name", ""), "sources": ", ".join(x.get("name", "") for x in d["consolidated_from"])}
            if d.get("parent_name"):
                return gettext("Thành lập “%(name)s”, trực thuộc %(parent)s") % {"name": d.get("name", ""), "parent": d["parent_name"]}
            return gettext("Thành lập “%(name)s”") % {"name": d.get("name", "")}
        if t == EventType.RENAME:
            return gettext("Đổi tên từ “%(old)s” thành “%(new)s”") % {"old": d.get("old_name"), "new": d.get("new_name")}
        if t == EventType.RENUMBER:
            return gettext("Đổi mã số từ %(old)s thành %(new)s") % {"old": d.get("old_code"), "new": d.get("new_code")}
        if t == EventType.MOVE:
            return gettext("Chuyển từ %(old)s sang trực thuộc %(new)s") % {
                "old": d.get("old_parent_name") or root, "new": d.get("new_parent_name") or root}
        if t == EventType.MERGE:
            count = d.get("children_moved", 0)
            return ngettext("Sáp nhập vào %(target)s; %(count)s tổ chức trực thuộc được chuyển sang",
                            "Sáp nhập vào %(target)s; %(count)s tổ chức trực thuộc được chuyển sang", count) % {
                "target": d.get("target_name"), "count": count}
        if t == EventType.CONSOLIDATE:
            return gettext("Hợp nhất với tổ chức khác thành %(target)s") % {"target": d.get("target_name")}
        if t == EventType.ABSORB:
            if d.get("consolidation"):
                return gettext("Tiếp nhận %(source)s (hợp nhất)") % {"source": d.get("source_name")}
            return gettext("Tiếp nhận %(source)s sáp nhập vào") % {"source": d.get("source_name")}
        if t == EventType.SPLIT:
            if d.get("role") == "new":
                return gettext("Thành lập do chia tách từ %(source)s") % {"source": d.get("source_name")}
            return gettext("Chia tách, thành lập %(new)s") % {"new": d.get("new_name")}
        if t == EventType.DISSOLVE:
            return pgettext("history", "Giải thể")
        if t == EventType.CHANGE_KIND:
            return gettext("Đổi loại hình từ %(old)s thành %(new)s") % {
                "old": Kind(d["old_kind"]).label, "new": Kind(d["new_kind"]).label}
        return self.get_event_type_display()


class OrganizationVersion(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="versions")
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến trước ngày"), null=True, blank=True)
    parent = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    path = models.CharField(max_length=255)
    depth = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=255)
    short_name = models.CharField(max_length=100, blank=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    unit_type = models.CharField(max_length=30, choices=UnitType.choices)
    name_key = models.CharField(max_length=800)
    event = models.ForeignKey(OrganizationEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    objects = VersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("phiên bản tổ chức")
        ordering = ["valid_from", "id"]
        indexes = [
            models.Index(fields=["path", "valid_from"], name="orgver_path", opclasses=["varchar_pattern_ops", "date_ops"]),
            models.Index(fields=["organization", "valid_from"], name="orgver_org"),
            models.Index(fields=["parent", "valid_from"], name="orgver_parent"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["organization"], condition=Q(valid_to__isnull=True), name="orgver_one_open"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")), name="orgver_positive_span"
            ),
        ]

    def __str__(self) -> str:
        end = f"{self.valid_to:%d/%m/%Y}" if self.valid_to else "nay"
        return f"{self.name} [{self.valid_from:%d/%m/%Y} – {end})"


class CommitteePosition(TranslatedTextChoices):
    SECRETARY = "secretary", _("Bí thư")
    DEPUTY_SECRETARY = "deputy_secretary", _("Phó Bí thư")
    STANDING_MEMBER = "standing_member", _("Ủy viên Ban Thường vụ")
    MEMBER = "member", _("Ủy viên")


POSITION_RANK = {
    CommitteePosition.SECRETARY: 0,
    CommitteePosition.DEPUTY_SECRETARY: 1,
    CommitteePosition.STANDING_MEMBER: 2,
    CommitteePosition.MEMBER: 3,
}


class SeatEndGround(TranslatedTextChoices):
    """Why a committee member leaves the committee (O12: from the retirement date stated in the retirement
    decision, or from the date a removal or resignation decision takes effect)."""

    RETIREMENT = "retirement", _("Nghỉ hưu")
    REMOVAL = "removal", _("Miễn nhiệm, cách chức, thôi tham gia cấp ủy theo quyết định")
    RESIGNATION = "resignation", _("Xin thôi tham gia cấp ủy")
    TRANSFER = "transfer", _("Chuyển công tác, chuyển sinh hoạt chính thức")
    TERM_END = "term_end", _("Hết nhiệm kỳ")
    DECEASED = "deceased", _("Từ trần")
    OTHER = "other", _("Lý do khác")


# O12: these grounds take effect from a decision, whose number is recorded.
SEAT_END_BY_DECISION = frozenset({SeatEndGround.RETIREMENT, SeatEndGround.REMOVAL, SeatEndGround.RESIGNATION})


class CommitteeTerm(VersionedModel):
    """A term (nhiệm kỳ) of an organization's committee (cấp ủy), e.g. 2020–2025."""

    organization = models.ForeignKey(Organization, verbose_name=_("tổ chức"), on_delete=models.PROTECT, related_name="terms")
    name = models.CharField(_("nhiệm kỳ"), max_length=60)
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    congress_resolution = models.CharField(_("nghị quyết đại hội"), max_length=100, blank=True)
    # O7: the number of members the congress decided (or the higher committee appointed); the standing
    # committee is at most a third of it. Unknown for old terms: the seats held then count instead.
    size = models.PositiveSmallIntegerField(_("số lượng cấp ủy viên"), null=True, blank=True)
    # O6: a term longer than the length in force at its start names the higher committee's document allowing it.
    extension_decision = models.CharField(_("văn bản cho phép kéo dài nhiệm kỳ"), max_length=200, blank=True)

    AUDIT_FIELDS = ["organization", "name", "start_date", "end_date", "congress_resolution", "size", "extension_decision"]

    class Meta:
        verbose_name = _("nhiệm kỳ cấp ủy")
        verbose_name_plural = _("nhiệm kỳ cấp ủy")
        ordering = ["organization", "-start_date"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__isnull=True) | Q(end_date__gt=models.F("start_date")), name="term_positive_span"),
            # Its natural key: a repeated "open a term" writes one term.
            models.UniqueConstraint(fields=["organization", "start_date"], name="term_one_per_start"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} – nhiệm kỳ {self.name}"


class CommitteeMember(VersionedModel):
    """A seat on a committee for a term: a person, a position, and the dates held.

    The person is a member of the register (`member`; `full_name` keeps a copy of the name so the
    seat reads the same if the record is later renamed) or, marked `outside_register`, a person
    the register does not hold (another system, history before the register); seats recorded
    before seats were linked to members are marked so.
    """

    term = models.ForeignKey(CommitteeTerm, verbose_name=_("nhiệm kỳ"), on_delete=models.PROTECT, related_name="seats")
    member = models.ForeignKey("members.Member", verbose_name=_("đảng viên"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="committee_seats")
    outside_register = models.BooleanField(_("người ngoài sổ đảng viên"), default=False)
    full_name = models.CharField(_("họ và tên"), max_length=120)
    position = models.CharField(_("chức vụ"), max_length=20, choices=CommitteePosition.choices)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    end_reason = models.CharField(_("lý do thôi"), max_length=200, blank=True)
    end_ground = models.CharField(_("căn cứ thôi giữ chức vụ"), max_length=20, choices=SeatEndGround.choices, blank=True)
    end_decision_number = models.CharField(_("số quyết định thôi giữ chức vụ"), max_length=60, blank=True)
    end_decision_date = models.DateField(_("ngày quyết định thôi giữ chức vụ"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    name_key = models.CharField(max_length=400, editable=False)

    AUDIT_FIELDS = ["term", "member", "outside_register", "full_name", "position", "start_date", "end_date", "end_reason",
                    "end_ground", "end_decision_number", "end_decision_date", "decision_number"]

    class Meta:
        verbose_name = _("cấp ủy viên")
        verbose_name_plural = _("cấp ủy viên")
        ordering = ["term", "start_date", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")), name="seat_positive_span"),
            # Either a member of the register, or marked as a person outside it: never neither, never both.
            models.CheckConstraint(condition=(Q(member__isnull=False) & Q(outside_register=False))
                                   | (Q(member__isnull=True) & Q(outside_register=True)), name="seat_member_or_outside"),
            # A member holds at most one open seat in a term (a new position: end the old seat first).
            models.UniqueConstraint(fields=["term", "member"], condition=Q(end_date__isnull=True),
                                    name="seat_one_open_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} – {self.get_position_display()}"

    def save(self, *args, **kwargs):
        from dangvu.core.text import person_sort_key

        self.name_key = person_sort_key(self.full_name)[:400]
        super().save(*args, **kwargs)


class CellFollower(VersionedModel):
    """The member of a superior committee who follows a cell (cấp ủy viên cấp trên phụ trách, theo dõi chi bộ), from
    a date: the cell's meeting notice and documents go to them too (G3). A new assignment ends the previous one."""

    cell = models.ForeignKey(Organization, verbose_name=_("chi bộ"), on_delete=models.PROTECT, related_name="followers")
    seat = models.ForeignKey(CommitteeMember, verbose_name=_("cấp ủy viên cấp trên phụ trách"), on_delete=models.PROTECT,
                             related_name="followed_cells")
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    AUDIT_FIELDS = ["cell", "seat", "start_date", "end_date", "note"]

    class Meta:
        verbose_name = _("cấp ủy viên cấp trên phụ trách chi bộ")
        verbose_name_plural = _("cấp ủy viên cấp trên phụ trách chi bộ")
        ordering = ["cell", "start_date", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__isnull=True) | Q(end_date__gt=models.F("start_date")),
                                   name="follower_positive_span"),
            models.UniqueConstraint(fields=["cell"], condition=Q(end_date__isnull=True), name="follower_one_open_per_cell"),
        ]

    def __str__(self) -> str:
        return f"{self.seat.full_name} phụ trách {self.cell.name} từ {self.start_date:%d/%m/%Y}"
