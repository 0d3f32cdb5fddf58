"""The admission decision and the recognition decision as official documents (DOCX).

Built from the data recorded (the deciding committee as it was named on the decision date, the
number, the date) with the header, place, signing and citations of dangvu.documents.convention,
and laid out by dangvu.documents (HD 36-HD/VPTW). The signer is the
secretary of the deciding committee on that date when the committee's seats are recorded;
otherwise the name is left for the signer to write.
"""

import datetime as dt

from dangvu.admissions import rules
from dangvu.admissions.models import Candidate
from dangvu.admissions.services import default_deciding_body
from dangvu.core.dates import vn_date
from dangvu.documents import convention
from dangvu.documents.docx import OfficialDocument
from dangvu.members.models import Member, MembershipEvent
from dangvu.organizations.models import Organization
from dangvu.rules.parameters import params_on
from dangvu.rules.parameters import text as param_text


def _issuer(body: rules.DecidingBody, on: dt.date) -> convention.Issuer:
    """The deciding committee as issuer: its standing committee ("Ban Thường vụ …"), or the
    grassroots committee itself when it decides by delegation."""
    org = Organization.objects.filter(pk=body.organization_id).first() if body.organization_id else None
    if org is None:
        chain = [convention.Body(body.organization_name, ""), convention.Body(body.superior_name, "")]
        return convention.issuer_from_chain(chain, on, acting=convention.Acting.STANDING)
    # A12: the provincial standing office ("Thường trực …") signs for the standing committee.
    acting = (convention.Acting.STANDING if body.text.lower().startswith(("ban thường vụ", "thường trực"))
              else convention.Acting.COMMITTEE)
    return convention.issuer(org, on, acting=acting)


def _document(deciding: rules.DecidingBody, on: dt.date, **content) -> OfficialDocument:
    issuer = _issuer(deciding, on)
    org = Organization.objects.filter(pk=deciding.organization_id).first() if deciding.organization_id else None
    role, name = convention.signer_from_committee(org, on)
    return convention.document(issuer, role=role, signer_name=name, doc_type="QĐ", date=on, kind_title="QUYẾT ĐỊNH",
                               recipients=["Như Điều 3,", "Lưu hồ sơ đảng viên."], **content)


def admission_decision(candidate: Candidate) -> OfficialDocument:
    """Quyết định kết nạp đảng viên (the decision recorded on the candidate)."""
    c = candidate
    if c.decision_date is None:
        raise ValueError("no admission decision recorded")
    body = default_deciding_body(c.organization, c.decision_date, c.decision_delegated)
    cell = c.organization.name
    preamble = convention.charter_citations(c.decision_date)
    if c.cell_meeting_date:
        preamble.append(f"Xét nghị quyết của {cell} ngày {vn_date(c.cell_meeting_date)} đề nghị kết nạp đảng viên"
                        + (f" ({c.cell_votes_for}/{c.cell_full_members} đảng viên chính thức tán thành);"
                           if c.cell_full_members else ";"))
    if c.committee_meeting_date:
        grassroots = body.organization_name if body.delegated else None
        preamble.append(f"Xét đề nghị của {rules.committee_name(grassroots) if grassroots else 'đảng ủy cơ sở'} ngày "
                        f"{vn_date(c.committee_meeting_date)};")
    if c.age_exception_decision:
        preamble.append(f"Căn cứ Quyết định số {c.age_exception_decision} cho phép kết nạp người trên 60 tuổi;")
    who = f"quần chúng {c.full_name}, sinh ngày {vn_date(c.date_of_birth)}"
    if c.home_town:
        who += f", quê quán {c.home_town}"
    if c.workplace:
        who += f", công tác tại {c.workplace}"
    p = params_on(c.decision_date)
    text = [
        f"Điều 1. Kết nạp {who} vào Đảng Cộng sản Việt Nam. Thời gian dự bị là {param_text(p, 'probation.months')}, kể từ ngày "
        "chi bộ tổ chức lễ kết nạp.",
        f"Điều 2. {cell} tổ chức lễ kết nạp trong thời hạn {param_text(p, 'admission.ceremony_working_days')} kể từ ngày nhận "
        "được quyết định này; giúp đỡ đảng "
        "viên dự bị phấn đấu trở thành đảng viên chính thức.",
        f"Điều 3. {cell}, các cơ quan liên quan và đồng chí {c.full_name} chịu trách nhiệm thi hành quyết định này.",
    ]
    return _document(body, c.decision_date, number_recorded=c.decision_number, subject="về việc kết nạp đảng viên",
                     preamble=preamble, body=text)


def recognition_event(member: Member) -> MembershipEvent | None:
    """The latest recognition of `member` (the decision of the present or last probation)."""
    from dangvu.members.kinds import EventType

    return member.events.filter(event_type=EventType.RECOGNIZED).order_by("-effective_date", "-id").first()


def recognition_decision(member: Member, event: MembershipEvent) -> OfficialDocument:
    """Quyết định công nhận đảng viên chính thức (from the recognition event)."""
    on = event.decision_date or event.effective_date
    org = event.from_organization or member.organization
    body = default_deciding_body(org, on)
    cell = org.name
    start = member.ceremony_date
    preamble = convention.charter_citations(on)
    from dangvu.admissions.models import ProbationVote

    vote = (ProbationVote.objects.filter(member=member, passed=True, proposal="recognize", meeting_date__lte=on)
            .order_by("-meeting_date", "-id").first())
    if vote is not None:
        preamble.append(f"Xét nghị quyết của {vote.organization.name} ngày {vn_date(vote.meeting_date)} đề nghị công nhận "
                        f"đảng viên chính thức ({vote.votes_for}/{vote.full_members} đảng viên chính thức tán thành);")
    admitted = f", kết nạp ngày {vn_date(start)}" if start else ""
    text = [
        f"Điều 1. Công nhận đồng chí {member.full_name}, sinh ngày {vn_date(member.date_of_birth)}, đảng viên dự bị{admitted}, "
        f"sinh hoạt tại {cell}, là đảng viên chính thức của Đảng Cộng sản Việt Nam kể từ ngày {vn_date(event.effective_date)}.",
        f"Điều 2. Tuổi đảng của đồng chí {member.full_name} được tính từ ngày "
        f"{vn_date(member.admission_decision_date) or '…'} (ngày ghi trong quyết định kết nạp).",
        f"Điều 3. {cell}, các cơ quan liên quan và đồng chí {member.full_name} chịu trách nhiệm thi hành quyết định này.",
    ]
    return _document(body, on, number_recorded=event.decision_number, subject="về việc công nhận đảng viên chính thức",
                     preamble=preamble, body=text)


def filename(prefix: str, person: str, number: str) -> str:
    return f"{prefix} {person} {number}".replace("/", "-").strip() + ".docx"
