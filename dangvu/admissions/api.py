"""The admissions API: /api/candidates/ and /api/probations/.

Same conventions as the members API (dangvu/members/api.py):
- scope: candidates come from `Candidate.objects.visible_to(user)`, probationary members from
  the cells of the user's scope; anything else is a 404. Ids in a request (organizations,
  introducers) resolve only among what the user may see;
- writes go through dangvu.admissions.services (rule violations → 400 naming the field and the
  rule, stale `version` → 409, visible but not allowed → 403), the same services as the pages;
- each pipeline step is a POST action named after it (…/certificate/, …/cell-vote/, …/ceremony/);
  the request fields are the candidate's field names, so the 400 answer names the same fields.
"""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from dangvu.accounts import permissions
from dangvu.admissions import selectors, services
from dangvu.admissions.filters import CandidateFilterSet, ProbationFilterForm
from dangvu.admissions.kinds import STEP_SLUGS, IntroducingOrganization, Stage, Step, VoteProposal, WithdrawalKind
from dangvu.admissions.models import Candidate
from dangvu.admissions.querysets import DECIDE, PROPOSE
from dangvu.api.responses import NOT_FOUND, write_responses
from dangvu.api.serializers import VersionField, VietnameseSerializer
from dangvu.api.viewsets import RestrictedViewSet
from dangvu.core.dates import today
from dangvu.core.masking import mask
from dangvu.members.api import MembershipEventSerializer, ReferenceItemField, VisibleMemberField
from dangvu.members.kinds import Sex
from dangvu.members.models import Member, MembershipEvent
from dangvu.organizations.serializers import VisibleOrganizationField
from dangvu.rules.parameters import params_on

# ---------------------------------------------------------------------------- answers


@extend_schema_serializer(component_name="AdmissionDue")
class DueSerializer(serializers.Serializer):
    label = serializers.CharField(help_text="Việc đến hạn, bằng tiếng Việt.")
    date = serializers.DateField(help_text="Hạn (ngày làm việc theo lịch nghỉ lễ đã lưu).")
    latest = serializers.DateField(allow_null=True, help_text="Hạn cuối khi được gia hạn (nếu quy định cho gia hạn).")
    overdue = serializers.BooleanField()
    rule = serializers.CharField(help_text="Quy định và nguồn của thời hạn.")


def _can(request, action_name: str, org) -> bool:
    return request is not None and org is not None and permissions.can(request.user, action_name, org)


class CandidateSerializer(serializers.Serializer):
    """A candidate for admission, with the stage derived from the steps recorded and the next deadline."""

    id = serializers.IntegerField(read_only=True)
    full_name = serializers.CharField(read_only=True, label="Họ và tên")
    sex = serializers.ChoiceField(choices=Sex.choices, read_only=True, label="Giới tính")
    date_of_birth = serializers.DateField(read_only=True, label="Ngày sinh")
    citizen_id = serializers.SerializerMethodField(help_text="Số CCCD, được che một phần.")
    organization = serializers.IntegerField(source="organization_id", read_only=True, label="Chi bộ đề nghị (id)")
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    stage = serializers.ChoiceField(choices=Stage.choices, read_only=True, help_text="Giai đoạn, suy ra từ các bước đã ghi.")
    stage_label = serializers.CharField(source="get_stage_display", read_only=True)
    next_step = serializers.SerializerMethodField(help_text="Bước tiếp theo: tên hành động POST …/{bước}/; null nếu đã xong.")
    next_step_label = serializers.SerializerMethodField()
    due = serializers.SerializerMethodField(help_text="Hạn tiếp theo (quyết định kết nạp, lễ kết nạp, hạn giấy chứng nhận).")
    member = serializers.IntegerField(source="member_id", read_only=True, allow_null=True,
                                      help_text="Hồ sơ đảng viên (id) sau lễ kết nạp.")
    version = serializers.IntegerField(read_only=True, help_text="Gửi lại khi ghi một bước, để phát hiện sửa đồng thời.")
    can_propose = serializers.SerializerMethodField(help_text="Được ghi các bước của chi bộ.")
    can_decide = serializers.SerializerMethodField(help_text="Được ghi các bước của cấp ủy (biểu quyết, quyết định, lễ kết nạp).")

    def get_citizen_id(self, obj) -> str | None:
        return mask("citizen_id", obj.citizen_id) if obj.citizen_id else None

    def get_next_step(self, obj) -> str | None:
        step = obj.next_step
        return STEP_SLUGS[step] if step else None

    def get_next_step_label(self, obj) -> str | None:
        step = obj.next_step
        return Step(step).label if step else None

    @extend_schema_field(DueSerializer(allow_null=True))
    def get_due(self, obj):
        due = self.context.get("due", {}).get(obj.pk)
        return DueSerializer(due).data if due else None

    def get_can_propose(self, obj) -> bool:
        return _can(self.context.get("request"), PROPOSE, obj.organization)

    def get_can_decide(self, obj) -> bool:
        return _can(self.context.get("request"), DECIDE, obj.organization)


class StepStatusSerializer(serializers.Serializer):
    step = serializers.CharField(help_text="Tên hành động của bước.")
    label = serializers.CharField()
    date = serializers.DateField(allow_null=True)


def _ref_name(name: str):
    return serializers.CharField(source=f"{name}.name", read_only=True, allow_null=True)


class CandidateDetailSerializer(CandidateSerializer):
    """Identity and every step recorded."""

    other_names = serializers.CharField(read_only=True)
    place_of_birth = serializers.CharField(read_only=True)
    home_town = serializers.CharField(read_only=True)
    ethnicity = _ref_name("ethnicity")
    religion = _ref_name("religion")
    general_education = _ref_name("general_education")
    occupation = _ref_name("occupation")
    workplace = serializers.CharField(read_only=True)
    position = serializers.CharField(read_only=True)
    youth_union_date = serializers.DateField(read_only=True, allow_null=True)
    steps = serializers.SerializerMethodField(help_text="Các bước theo thứ tự, với ngày đã ghi (null: chưa).")
    awareness_certificate_date = serializers.DateField(read_only=True, allow_null=True)
    awareness_certificate_number = serializers.CharField(read_only=True)
    awareness_certificate_issuer = serializers.CharField(read_only=True)
    awareness_class = serializers.CharField(read_only=True, help_text="Lớp bồi dưỡng đã cấp giấy chứng nhận (ghi từ "
                                            "/api/training/…); rỗng: giấy chứng nhận nhập tay, cấp trước khi có lớp trên Đảng Vụ.")
    application_date = serializers.DateField(read_only=True, allow_null=True)
    background_statement_date = serializers.DateField(read_only=True, allow_null=True)
    verification_completed_date = serializers.DateField(read_only=True, allow_null=True)
    verification_note = serializers.CharField(read_only=True)
    introduction_date = serializers.DateField(read_only=True, allow_null=True)
    introducing_organization = serializers.ChoiceField(choices=IntroducingOrganization.choices, read_only=True)
    introducing_organization_name = serializers.CharField(read_only=True)
    introducer_1 = serializers.IntegerField(source="introducer_1_id", read_only=True, allow_null=True)
    introducer_1_name = serializers.CharField(source="introducer_1.full_name", read_only=True, allow_null=True)
    introducer_1_since = serializers.DateField(read_only=True, allow_null=True)
    introducer_2 = serializers.IntegerField(source="introducer_2_id", read_only=True, allow_null=True)
    introducer_2_name = serializers.CharField(source="introducer_2.full_name", read_only=True, allow_null=True)
    introducer_2_since = serializers.DateField(read_only=True, allow_null=True)
    cell_meeting_date = serializers.DateField(read_only=True, allow_null=True)
    cell_full_members = serializers.IntegerField(read_only=True, allow_null=True)
    cell_votes_for = serializers.IntegerField(read_only=True, allow_null=True)
    cell_resolution_number = serializers.CharField(read_only=True)
    age_exception_decision = serializers.CharField(read_only=True)
    age_exception_reason = serializers.CharField(read_only=True)
    committee_meeting_date = serializers.DateField(read_only=True, allow_null=True)
    committee_members = serializers.IntegerField(read_only=True, allow_null=True)
    committee_votes_for = serializers.IntegerField(read_only=True, allow_null=True)
    decision_number = serializers.CharField(read_only=True)
    decision_date = serializers.DateField(read_only=True, allow_null=True)
    deciding_body = serializers.CharField(read_only=True)
    decision_delegated = serializers.BooleanField(read_only=True)
    decision_extension_reason = serializers.CharField(read_only=True)
    ceremony_date = serializers.DateField(read_only=True, allow_null=True)
    ceremony_delay_consent = serializers.CharField(read_only=True)
    withdrawn_on = serializers.DateField(read_only=True, allow_null=True)
    withdrawal_kind = serializers.ChoiceField(choices=WithdrawalKind.choices, read_only=True, allow_blank=True)
    withdrawal_reason = serializers.CharField(read_only=True)

    @extend_schema_field(StepStatusSerializer(many=True))
    def get_steps(self, obj):
        from dangvu.admissions.rules import applicable_steps

        dates = obj.step_dates()
        return [{"step": STEP_SLUGS[s], "label": Step(s).label, "date": dates[s]} for s in applicable_steps(obj.needs_committee_vote)]


# ---------------------------------------------------------------------------- requests

def _text(label: str, max_length: int | None = None, **kwargs):
    return serializers.CharField(label=label, max_length=max_length, required=False, allow_blank=True, default="", **kwargs)


def _date(label: str, required: bool = True, **kwargs):
    if required:
        return serializers.DateField(label=label, **kwargs)
    return serializers.DateField(label=label, required=False, allow_null=True, default=None, **kwargs)


def _count(label: str):
    return serializers.IntegerField(label=label, min_value=0)


def _version():
    return VersionField(required=False, allow_null=True, default=None,
                        help_text="Tùy chọn: số phiên bản khi bạn đọc hồ sơ; nếu đã đổi, yêu cầu bị từ chối (409).")


class CandidateIdentitySerializer(VietnameseSerializer):
    full_name = serializers.CharField(label="Họ và tên", max_length=120)
    other_names = _text("Tên gọi khác", 120)
    sex = serializers.ChoiceField(label="Giới tính", choices=Sex.choices)
    date_of_birth = serializers.DateField(label="Ngày sinh")
    citizen_id = serializers.CharField(label="Số CCCD", max_length=20, required=False, allow_blank=True, allow_null=True,
                                       default=None)
    place_of_birth = _text("Nơi đăng ký khai sinh", 255)
    home_town = _text("Quê quán", 255)
    permanent_address = _text("Nơi thường trú", 255)
    current_address = _text("Nơi ở hiện nay", 255)
    ethnicity = ReferenceItemField("ethnicity", label="Dân tộc", required=False, allow_null=True, default=None)
    religion = ReferenceItemField("religion", label="Tôn giáo", required=False, allow_null=True, default=None)
    general_education = ReferenceItemField("general_education", label="Giáo dục phổ thông", required=False, allow_null=True,
                                           default=None)
    occupation = ReferenceItemField("occupation", label="Nghề nghiệp", required=False, allow_null=True, default=None)
    workplace = _text("Nơi làm việc, học tập", 255)
    position = _text("Chức vụ", 255)
    youth_union_date = _date("Ngày vào Đoàn", required=False)

    def identity(self) -> dict:
        return {k: v for k, v in self.validated_data.items() if k in Candidate.IDENTITY_FIELDS}


class CandidateCreateSerializer(CandidateIdentitySerializer):
    """Put a person on a cell's list of candidates (quần chúng ưu tú)."""

    organization = VisibleOrganizationField(label="Chi bộ đề nghị",
                                            help_text="Id chi bộ (bạn phải được đề nghị kết nạp ở chi bộ này).")


class CandidateUpdateSerializer(CandidateIdentitySerializer):
    """Correct the identity of a candidate still under consideration."""

    version = VersionField(help_text="Số phiên bản khi bạn đọc hồ sơ; nếu người khác đã sửa sau đó, yêu cầu bị từ chối (409).")


class _StepSerializer(VietnameseSerializer):
    version = _version()

    def data_for_service(self) -> dict:
        return {k: v for k, v in self.validated_data.items() if k != "version"}


class CertificateStepSerializer(_StepSerializer):
    """A3: giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng (có giá trị 60 tháng). Giấy chứng nhận của lớp ghi trên
    Đảng Vụ được ghi tự động khi ghi kết quả lớp (/api/training/); ở đây chỉ nhập giấy cấp trước khi có lớp trên Đảng Vụ."""

    awareness_certificate_date = _date("Ngày cấp giấy chứng nhận")
    awareness_certificate_number = _text("Số giấy chứng nhận", 60)


class ApplicationStepSerializer(_StepSerializer):
    """A4: đơn xin vào Đảng."""

    application_date = _date("Ngày đơn xin vào Đảng")


class BackgroundStepSerializer(_StepSerializer):
    """A4: lý lịch người xin vào Đảng, khai sau đơn."""

    background_statement_date = _date("Ngày khai lý lịch")


class VerificationStepSerializer(_StepSerializer):
    """A5–A7: thẩm tra lý lịch đã hoàn thành."""

    verification_completed_date = _date("Ngày hoàn thành thẩm tra lý lịch")
    verification_note = _text("Kết quả thẩm tra")


class IntroducersStepSerializer(_StepSerializer):
    """A8, A9: hai đảng viên chính thức cùng tổ chức cơ sở đảng, cùng công tác ít nhất 12 tháng; hoặc Đoàn (Công đoàn) và
    một đảng viên chính thức."""

    introduction_date = _date("Ngày giới thiệu")
    introducing_organization = serializers.ChoiceField(label="Hình thức giới thiệu", choices=IntroducingOrganization.choices,
                                                       required=False, allow_blank=True, default="")
    introducing_organization_name = _text("Tổ chức giới thiệu", 255)
    introducer_1 = VisibleMemberField(label="Người giới thiệu thứ nhất", required=False, allow_null=True, default=None)
    introducer_1_since = _date("Cùng công tác với người thứ nhất từ ngày", required=False)
    introducer_2 = VisibleMemberField(label="Người giới thiệu thứ hai", required=False, allow_null=True, default=None)
    introducer_2_since = _date("Cùng công tác với người thứ hai từ ngày", required=False)


class CellVoteStepSerializer(_StepSerializer):
    """A1, A3, A10: chi bộ xét (tuổi tính theo tháng tại ngày này; giấy chứng nhận còn giá trị; ít nhất 2/3 đảng viên chính
    thức tán thành)."""

    cell_meeting_date = _date("Ngày chi bộ xét")
    full_members = _count("Số đảng viên chính thức của chi bộ")
    votes_for = _count("Số tán thành")
    cell_resolution_number = _text("Số nghị quyết", 60)
    age_exception_decision = _text("Quyết định cho kết nạp người trên 60 tuổi", 60)
    age_exception_reason = _text("Lý do kết nạp người trên 60 tuổi")


class CommitteeVoteStepSerializer(_StepSerializer):
    """A11: đảng ủy cơ sở xét (ít nhất 2/3 cấp ủy viên tán thành)."""

    committee_meeting_date = _date("Ngày đảng ủy cơ sở xét")
    committee_members = _count("Số cấp ủy viên")
    votes_for = _count("Số tán thành")


class DecisionStepSerializer(_StepSerializer):
    """A12, A13: quyết định kết nạp, trong 60 ngày làm việc kể từ nghị quyết chi bộ (gia hạn tối đa 30, ghi lý do)."""

    decision_number = serializers.CharField(label="Số quyết định", max_length=60)
    decision_date = _date("Ngày quyết định")
    deciding_body = _text("Cấp ủy quyết định", 200, help_text="Để trống: theo quy định tại ngày quyết định.")
    decision_delegated = serializers.BooleanField(label="Đảng ủy cơ sở được ủy quyền", required=False, default=False)
    decision_extension_reason = _text("Lý do gia hạn")


class CeremonyStepSerializer(_StepSerializer):
    """A14: lễ kết nạp trong thời hạn (ngày làm việc) kể từ ngày chi bộ nhận quyết định; người vào Đảng trở thành
    đảng viên dự bị."""

    ceremony_date = _date("Ngày lễ kết nạp")
    decision_received_date = _date("Ngày chi bộ nhận quyết định kết nạp", required=False)
    ceremony_delay_consent = _text("Văn bản đồng ý tổ chức lễ muộn", 255)


STEP_SERIALIZERS = {
    Step.CERTIFICATE: CertificateStepSerializer, Step.APPLICATION: ApplicationStepSerializer,
    Step.BACKGROUND: BackgroundStepSerializer, Step.VERIFICATION: VerificationStepSerializer,
    Step.INTRODUCERS: IntroducersStepSerializer, Step.CELL_VOTE: CellVoteStepSerializer,
    Step.COMMITTEE_VOTE: CommitteeVoteStepSerializer, Step.DECISION: DecisionStepSerializer, Step.CEREMONY: CeremonyStepSerializer,
}


class WithdrawSerializer(VietnameseSerializer):
    withdrawal_kind = serializers.ChoiceField(label="Hình thức", choices=WithdrawalKind.choices)
    withdrawn_on = _date("Ngày")
    withdrawal_reason = serializers.CharField(label="Lý do")
    version = _version()


# ---------------------------------------------------------------------------- views



def _step_action(step: str):
    serializer_class = STEP_SERIALIZERS[step]

    def record(self, request, pk=None):
        candidate = self.get_object()
        d = self._input(serializer_class)
        result = services.record_step(by=request.user, candidate=candidate, step=step, data=d.data_for_service(),
                                      expected_version=d.validated_data.get("version"))
        return self._detail(result)

    # The method's name is the attribute it is bound to on the viewset (DRF maps POST to it by name).
    record.__name__ = record.__qualname__ = STEP_SLUGS[step].replace("-", "_")
    record = action(detail=True, methods=["post"], url_path=STEP_SLUGS[step], url_name=STEP_SLUGS[step], filter_backends=[])(record)
    return extend_schema(summary=f"Ghi bước: {Step(step).label}", request=serializer_class,
                         responses=write_responses(200, CandidateDetailSerializer),
                         description=" ".join(serializer_class.__doc__.split()))(record)


@extend_schema_view(
    list=extend_schema(summary="Danh sách người vào Đảng trong phạm vi quyền",
                       description="Mỗi người kèm giai đoạn (suy ra từ các bước đã ghi), bước tiếp theo và hạn tiếp theo."),
    retrieve=extend_schema(summary="Chi tiết người vào Đảng", responses={200: CandidateDetailSerializer, 404: NOT_FOUND}),
)
class CandidateViewSet(RestrictedViewSet):
    serializer_class = CandidateSerializer
    model = Candidate
    filterset_class = CandidateFilterSet
    select_related = ("organization", "introducer_1", "introducer_2", "ethnicity", "religion", "general_education",
                      "occupation")
    ordering = ("name_key", "id")

    def _context(self, candidates) -> dict:
        due = {c.pk: d for c, d in selectors.candidates_with_due(list(candidates), today()) if d}
        return {**self.get_serializer_context(), "due": due}

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(CandidateSerializer(page, many=True, context=self._context(page)).data)

    def retrieve(self, request, *args, **kwargs):
        return self._detail(self.get_object())

    def _detail(self, candidate: Candidate, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().model.objects.select_related(
            "organization", "introducer_1", "introducer_2", "ethnicity", "religion", "general_education", "occupation"
        ).get(pk=candidate.pk)
        return Response(CandidateDetailSerializer(fresh, context=self._context([fresh])).data, status=code)


    @extend_schema(summary="Đưa một người vào danh sách người vào Đảng của chi bộ", request=CandidateCreateSerializer,
                   responses=write_responses(201, CandidateDetailSerializer, conflict=False))
    def create(self, request, *args, **kwargs):
        d = self._input(CandidateCreateSerializer)
        candidate = services.create_candidate(by=request.user, organization=d.validated_data["organization"], **d.identity())
        return self._detail(candidate, status.HTTP_201_CREATED)

    @extend_schema(summary="Sửa thông tin người vào Đảng (khi đang xem xét)", request=CandidateUpdateSerializer,
                   responses=write_responses(200, CandidateDetailSerializer))
    def partial_update(self, request, *args, **kwargs):
        candidate = self.get_object()
        d = self._input(CandidateUpdateSerializer, partial=True)
        if "version" not in d.validated_data:
            raise serializers.ValidationError({"version": ["version: bắt buộc để phát hiện sửa đồng thời"]})
        result = services.update_candidate(by=request.user, candidate=candidate, expected_version=d.validated_data["version"],
                                           **{k: v for k, v in d.validated_data.items() if k in Candidate.IDENTITY_FIELDS})
        return self._detail(result)

    @extend_schema(summary="Dừng xem xét kết nạp (rút khỏi danh sách, không kết nạp), có lý do", request=WithdrawSerializer,
                   responses=write_responses(200, CandidateDetailSerializer))
    @action(detail=True, methods=["post"], filter_backends=[])
    def withdraw(self, request, pk=None):
        candidate = self.get_object()
        d = self._input(WithdrawSerializer)
        v = d.validated_data
        result = services.withdraw(by=request.user, candidate=candidate, on=v["withdrawn_on"], kind=v["withdrawal_kind"],
                                   reason=v["withdrawal_reason"], expected_version=v.get("version"))
        return self._detail(result)

    certificate = _step_action(Step.CERTIFICATE)
    application = _step_action(Step.APPLICATION)
    background_statement = _step_action(Step.BACKGROUND)
    verification = _step_action(Step.VERIFICATION)
    introducers = _step_action(Step.INTRODUCERS)
    cell_vote = _step_action(Step.CELL_VOTE)
    committee_vote = _step_action(Step.COMMITTEE_VOTE)
    decision = _step_action(Step.DECISION)
    ceremony = _step_action(Step.CEREMONY)


# ---------------------------------------------------------------------------- probation

class ProbationVoteSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    meeting_date = serializers.DateField(read_only=True)
    proposal = serializers.ChoiceField(choices=VoteProposal.choices, read_only=True)
    proposal_label = serializers.CharField(source="get_proposal_display", read_only=True)
    full_members = serializers.IntegerField(read_only=True)
    votes_for = serializers.IntegerField(read_only=True)
    passed = serializers.BooleanField(read_only=True, help_text="Đạt ít nhất 2/3 số đảng viên chính thức.")
    resolution_number = serializers.CharField(read_only=True)


class ProbationSerializer(serializers.Serializer):
    """A probationary member with the dates of the probation and what is due next."""

    member = serializers.IntegerField(source="member.pk", read_only=True, label="Đảng viên (id)")
    full_name = serializers.CharField(source="member.full_name", read_only=True)
    organization = serializers.IntegerField(source="member.organization_id", read_only=True, allow_null=True)
    organization_name = serializers.CharField(source="member.organization.name", read_only=True, allow_null=True)
    probation_start = serializers.DateField(source="probation.start", read_only=True, help_text="Ngày lễ kết nạp.")
    probation_end = serializers.DateField(source="probation.end", read_only=True,
                                          help_text="Ngày hết 12 tháng dự bị: ngày trở thành đảng viên chính thức (P4).")
    proposal_deadline = serializers.DateField(source="probation.proposal_due", read_only=True,
                                              help_text="Hạn chi bộ xét, đề nghị: 30 ngày làm việc sau khi hết dự bị (P1).")
    failed_votes = serializers.IntegerField(source="probation.failed", read_only=True)
    flagged = serializers.BooleanField(source="probation.flagged", read_only=True,
                                       help_text="Chi bộ đã biểu quyết 3 lần không đạt 2/3: báo cáo cấp ủy cấp trên (P5).")
    votes = ProbationVoteSerializer(source="probation.votes", many=True, read_only=True)
    due = DueSerializer(read_only=True, help_text="Việc tiếp theo và hạn.")
    overdue = serializers.BooleanField(read_only=True)
    version = serializers.IntegerField(source="member.version", read_only=True)


class ProbationVoteCreateSerializer(VietnameseSerializer):
    proposal = serializers.ChoiceField(label="Nội dung biểu quyết", choices=VoteProposal.choices)
    meeting_date = _date("Ngày chi bộ xét")
    full_members = _count("Số đảng viên chính thức của chi bộ")
    votes_for = _count("Số tán thành")
    resolution_number = _text("Số nghị quyết", 60)


class RecognizeSerializer(VietnameseSerializer):
    decision_number = serializers.CharField(label="Số quyết định", max_length=60)
    decision_date = _date("Ngày quyết định")
    deciding_body = _text("Cấp ủy quyết định", 200, help_text="Để trống: theo quy định tại ngày quyết định.")
    delegated = serializers.BooleanField(label="Đảng ủy cơ sở được ủy quyền", required=False, default=False)
    extension_reason = _text("Lý do gia hạn")
    version = _version()


class StrikeOffSerializer(RecognizeSerializer):
    reason = serializers.CharField(label="Lý do xóa tên")


PROBATION_FILTER = OpenApiParameter(
    "due", OpenApiTypes.STR, OpenApiParameter.QUERY, enum=[selectors.ENDING_SOON, selectors.OVERDUE],
    description="`ending_soon`: hết dự bị trong số ngày của tham số todo.probation_horizon_days (30) tới; `overdue`: đã quá "
                "hạn (chi bộ chưa đề nghị, hoặc cấp ủy chưa quyết định). Cùng tham số với trang Đảng viên dự bị.")


@extend_schema_view(
    list=extend_schema(summary="Đảng viên dự bị trong phạm vi quyền, với các hạn", parameters=[PROBATION_FILTER]),
    retrieve=extend_schema(summary="Quá trình dự bị của một đảng viên", responses={200: ProbationSerializer, 404: NOT_FOUND}),
)
class ProbationViewSet(RestrictedViewSet):
    serializer_class = ProbationSerializer
    model = Member

    def restricted_queryset(self, user):
        return selectors.probationary_members(user)

    def list(self, request, *args, **kwargs):
        on = today()
        rows = selectors.probation_rows(self.get_queryset(), on)
        form = ProbationFilterForm(request.query_params)
        if not form.is_valid():
            raise serializers.ValidationError(form.api_errors())
        rows = form.rows(rows, on, params_on(on)["todo.probation_horizon_days"])
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(ProbationSerializer(page, many=True).data)

    def _row(self, member_pk) -> selectors.ProbationRow:
        member = self.get_queryset().filter(pk=member_pk).first()
        if member is None:
            raise Http404
        return selectors.probation_rows([member], today())[0]

    def retrieve(self, request, *args, **kwargs):
        return Response(ProbationSerializer(self._row(kwargs["pk"])).data)

    def _member(self, pk) -> Member:
        return self._row(pk).member


    @extend_schema(summary="Ghi biểu quyết của chi bộ (công nhận chính thức hoặc xóa tên)", request=ProbationVoteCreateSerializer,
                   responses=write_responses(201, ProbationSerializer, conflict=False),
                   description="P1, P2, P5, P7: sau khi hết 12 tháng dự bị (xóa tên: bất cứ lúc nào trong thời gian dự bị); "
                               "chi bộ có ít nhất 3 đảng viên chính thức; biểu quyết không đạt 2/3 cũng được ghi, sau 3 lần "
                               "không đạt thì báo cáo cấp ủy cấp trên.")
    @action(detail=True, methods=["post"], filter_backends=[])
    def votes(self, request, pk=None):
        member = self._member(pk)
        v = self._validated(ProbationVoteCreateSerializer)
        services.record_probation_vote(by=request.user, member=member, meeting_date=v["meeting_date"], proposal=v["proposal"],
                                       full_members=v["full_members"], votes_for=v["votes_for"],
                                       resolution_number=v["resolution_number"])
        return Response(ProbationSerializer(self._row(pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Quyết định công nhận đảng viên chính thức", request=RecognizeSerializer,
                   responses=write_responses(201, MembershipEventSerializer),
                   description="P3, P4: ngày hiệu lực là ngày hết 12 tháng dự bị, kể cả khi quyết định muộn.")
    @action(detail=True, methods=["post"], filter_backends=[])
    def recognize(self, request, pk=None):
        member = self._member(pk)
        v = self._validated(RecognizeSerializer)
        event = services.recognize(by=request.user, member=member, decision_number=v["decision_number"],
                                   decision_date=v["decision_date"], deciding_body=v["deciding_body"], delegated=v["delegated"],
                                   extension_reason=v["extension_reason"], expected_version=v.get("version"))
        return Response(MembershipEventSerializer(_event(event)).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Quyết định xóa tên trong danh sách đảng viên dự bị", request=StrikeOffSerializer,
                   responses=write_responses(201, MembershipEventSerializer))
    @action(detail=True, methods=["post"], url_path="strike-off", url_name="strike-off", filter_backends=[])
    def strike_off(self, request, pk=None):
        member = self._member(pk)
        v = self._validated(StrikeOffSerializer)
        event = services.strike_off(by=request.user, member=member, decision_number=v["decision_number"],
                                    decision_date=v["decision_date"], reason=v["reason"], deciding_body=v["deciding_body"],
                                    delegated=v["delegated"], extension_reason=v["extension_reason"],
                                    expected_version=v.get("version"))
        return Response(MembershipEventSerializer(_event(event)).data, status=status.HTTP_201_CREATED)


def _event(event: MembershipEvent) -> MembershipEvent:
    return MembershipEvent.objects.select_related("organization", "from_organization").get(pk=event.pk)
