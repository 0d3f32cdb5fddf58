"""The admission decision and the recognition decision as official documents (DOCX).

Built from the data recorded (the deciding committee as it was named on the decision date, the
number, the date, the place) and laid out by dangvu.documents (HD 36-HD/VPTW). The signer is the
secretary of the deciding committee on that date when the committee's seats are recorded;
otherwise the name is left for the signer to write.
"""

import datetime as dt
import re

from dangvu.admissions import rules
from dangvu.admissions.models import Candidate
from dangvu.admissions.services import default_deciding_body
from dangvu.core.dates import vn_date
from dangvu.documents.docx import OfficialDocument
from dangvu.members.models import Member, MembershipEvent
from dangvu.organizations.committees import committee_on
from dangvu.organizations.models import CommitteePosition, Organization
from dangvu.rules.parameters import params_on
from dangvu.rules.parameters import text as param_text
from dangvu.rules.regimes import regime_on


def _signer(org_id: int | None, on: dt.date) -> tuple[str, str]:
    """(title, name) of the person who signs for the committee: its secretary, else a deputy."""
    org = Organization.objects.filter(pk=org_id).first() if org_id else None
    seats = committee_on(org, on) if org else []
    for position, title in ((CommitteePosition.SECRETARY, "BÍ THƯ"), (CommitteePosition.DEPUTY_SECRETARY, "PHÓ BÍ THƯ")):
        seat = next((s for s in seats if s.position == position), None)
        if seat is not None:
            return title, seat.full_name
    return "BÍ THƯ", ""


def _issuer(stored_body: str, body: rules.DecidingBody) -> tuple[str, str]:
    """(issuer, signing authority) from the deciding body recorded on the decision."""
    text = " ".join((stored_body or body.text).split())
    if text.lower().startswith("ban thường vụ "):
        return text[len("Ban Thường vụ "):], "T/M BAN THƯỜNG VỤ"
    if text.lower().startswith("thường trực "):  # A12: a grassroots organization directly under the province
        return body.committee, "T/M BAN THƯỜNG VỤ"
    if text.lower().startswith("đảng ủy"):
        return text, "T/M ĐẢNG ỦY"
    return text, "T/M BAN THƯỜNG VỤ"


def _regulation(on: dt.date) -> str:
    """"Căn cứ Quy định 294-QĐ/TW …;": the implementing regulation in force on the date (without the
    app's own notes in brackets)."""
    source = re.sub(r"\s*\(.*\)\s*$", "", regime_on(on).source)
    return f"Căn cứ {source};"


def admission_decision(candidate: Candidate) -> OfficialDocument:
    """Quyết định kết nạp đảng viên (the decision recorded on the candidate)."""
    c = candidate
    if c.decision_date is None:
        raise ValueError("no admission decision recorded")
    body = default_deciding_body(c.organization, c.decision_date, c.decision_delegated)
    issuer, signer_for = _issuer(c.deciding_body, body)
    title, name = _signer(body.organization_id, c.decision_date)
    cell = c.organization.name
    preamble = ["Căn cứ Điều lệ Đảng Cộng sản Việt Nam;", _regulation(c.decision_date)]
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
        who += f", {c.workplace}"
    p = params_on(c.decision_date)
    text = [
        f"Điều 1. Kết nạp {who} vào Đảng Cộng sản Việt Nam. Thời gian dự bị là {param_text(p, 'probation.months')}, kể từ ngày "
        "chi bộ tổ chức lễ kết nạp.",
        f"Điều 2. {cell} tổ chức lễ kết nạp trong thời hạn {param_text(p, 'admission.ceremony_working_days')} kể từ ngày nhận "
        "được quyết định này; giúp đỡ đảng "
        "viên dự bị phấn đấu trở thành đảng viên chính thức.",
        f"Điều 3. {cell}, các cơ quan liên quan và đồng chí {c.full_name} chịu trách nhiệm thi hành quyết định này.",
    ]
    return OfficialDocument(
        issuer_superior=body.superior_name, issuer=issuer, number=c.decision_number, place=rules.place_of(body.organization_name),
        date=c.decision_date, kind_title="QUYẾT ĐỊNH", subject="về việc kết nạp đảng viên", preamble=preamble, body=text,
        recipients=["Như Điều 3,", "Lưu hồ sơ đảng viên."], signer_for=signer_for, signer_title=title, signer_name=name)


def recognition_event(member: Member) -> MembershipEvent | None:
    """The latest recognition of `member` (the decision of the present or last probation)."""
    from dangvu.members.kinds import EventType

    return member.events.filter(event_type=EventType.RECOGNIZED).order_by("-effective_date", "-id").first()


def recognition_decision(member: Member, event: MembershipEvent) -> OfficialDocument:
    """Quyết định công nhận đảng viên chính thức (from the recognition event)."""
    on = event.decision_date or event.effective_date
    org = event.from_organization or member.organization
    body = default_deciding_body(org, on)
    issuer, signer_for = _issuer(event.deciding_body, body)
    title, name = _signer(body.organization_id, on)
    cell = org.name
    start = member.ceremony_date
    preamble = ["Căn cứ Điều lệ Đảng Cộng sản Việt Nam;", _regulation(on)]
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
    return OfficialDocument(
        issuer_superior=body.superior_name, issuer=issuer, number=event.decision_number, place=rules.place_of(body.organization_name),
        date=on, kind_title="QUYẾT ĐỊNH", subject="về việc công nhận đảng viên chính thức", preamble=preamble, body=text,
        recipients=["Như Điều 3,", "Lưu hồ sơ đảng viên."], signer_for=signer_for, signer_title=title, signer_name=name)


def filename(prefix: str, person: str, number: str) -> str:
    return f"{prefix} {person} {number}".replace("/", "-").strip() + ".docx"
