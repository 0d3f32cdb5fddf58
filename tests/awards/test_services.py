"""Badge and card services against the register: rules, scope, audit, all-or-nothing."""

import datetime as dt

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.audit.models import AuditEntry
from dangvu.awards import rules, services
from dangvu.awards.models import BadgeAward, CardExchangeCampaign, CardNumber, PartyCard
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation
from dangvu.discipline import services as discipline
from dangvu.members.kinds import EventType, RemovalGround, Status
from dangvu.members.models import Member
from dangvu.members.search import search_members
from tests.awards import admitted_on, die, event

pytestmark = pytest.mark.django_db
D = dt.date
P = D(2026, 9, 2)


def codes(exc_info):
    return [v.code for v in exc_info.value.violations]


def award(member, by=SYSTEM, **kw):
    args = dict(milestone=30, presentation_on=P, decision_number="12-QĐ/HU", decision_date=D(2026, 8, 20))
    return services.record_award(by=by, member=member, **(args | kw))


def due_names(user, on=P, organization=None):
    return {(r.member.full_name, r.milestone, r.kind, r.overdue) for r in services.due_list(user, on, organization)}


# ---------------------------------------------------------------- badges

def test_record_award_writes_row_and_audit(cast):
    member = admitted_on("Trần Văn Ba", cast.tree.cell_a1, D(1996, 9, 2))
    a = award(member, by=cast.officer_a, badge_number="123456", deciding_body="Ban Thường vụ Huyện ủy")
    assert (a.milestone, a.kind, a.presentation_on, a.organization) == (30, "regular", P, cast.tree.cell_a1)
    entry = AuditEntry.objects.get(action="awards.badge")
    assert entry.object_id == str(member.pk) and entry.actor == cast.officer_a
    assert entry.changes["_data"]["milestone"] == 30 and entry.changes["_data"]["decision_number"] == "12-QĐ/HU"
    assert "Huy hiệu 30 năm tuổi Đảng" in entry.note
    assert entry.action_label == "Tặng Huy hiệu Đảng"


def test_one_award_per_milestone_per_member(cast):
    member = admitted_on("Trần Văn Ba", cast.tree.cell_a1, D(1996, 9, 2))
    award(member)
    with pytest.raises(RuleViolation) as exc:
        award(member, decision_number="13-QĐ/HU")
    assert codes(exc) == ["badge.duplicate"]
    assert BadgeAward.objects.count() == 1 and AuditEntry.objects.filter(action="awards.badge").count() == 1


def test_award_before_the_milestone_is_refused_and_nothing_written(cast):
    member = admitted_on("Trần Văn Ba", cast.tree.cell_a1, D(1996, 9, 3))  # 30 years on 3/9/2026
    with pytest.raises(RuleViolation) as exc:
        award(member)
    assert codes(exc) == ["badge.not_reached"]
    assert not BadgeAward.objects.exists() and not AuditEntry.objects.filter(action="awards.badge").exists()
    award(member, presentation_on=D(2026, 11, 7))


def test_decision_number_required(cast):
    member = admitted_on("Trần Văn Ba", cast.tree.cell_a1, D(1996, 9, 2))
    with pytest.raises(RuleViolation) as exc:
        award(member, decision_number="  ")
    assert codes(exc) == ["badge.decision_number"]


def test_only_officers_of_the_member_may_record(cast):
    member = admitted_on("Trần Văn Ba", cast.tree.cell_a1, D(1996, 9, 2))
    for user in (cast.secretary_a1, cast.viewer_a, cast.member_a1, cast.officer_b):
        with pytest.raises(PermissionDeniedInScope):
            award(member, by=user)
    award(member, by=cast.admin)


def test_early_award_for_illness_through_the_service(cast):
    member = admitted_on("Trần Văn Ba", cast.tree.cell_a1, D(1997, 9, 2))  # 30 years on 2/9/2027
    with pytest.raises(RuleViolation) as exc:
        award(member, presentation_on=D(2026, 9, 1), decision_date=D(2026, 8, 20), kind="early_illness")
    assert codes(exc) == ["badge.too_early"]
    a = award(member, kind="early_illness")  # exactly 12 months early
    assert a.kind == "early_illness"


def test_posthumous_award_through_the_service(cast):
    member = admitted_on("Trần Văn Ba", cast.tree.cell_a1, D(1997, 3, 1))  # 30 years on 1/3/2027
    die(member, D(2026, 7, 1))
    with pytest.raises(RuleViolation) as exc:
        award(member)
    assert codes(exc) == ["badge.deceased"]
    a = award(member, kind="posthumous")
    assert a.kind == "posthumous"


def penalize(member, form, on, tree):
    """A penalty decided and announced on `on` by the grassroots committee, through the discipline services."""
    p = discipline.open_proceeding(by=SYSTEM, member=member, opened_on=on - dt.timedelta(days=30), summary="Vi phạm",
                                   proposed_form=form, violations=[discipline.ViolationInput("ordinary", on - dt.timedelta(
                                       days=60), "Vi phạm quy định")])
    discipline.record_hearing(by=SYSTEM, proceeding=p, heard_on=on - dt.timedelta(days=10))
    return discipline.decide(by=SYSTEM, proceeding=p, form=form, body_kind="committee", deciding_organization=tree.grassroots_a,
                             decided_on=on, votes_for=5, vote_base=9, decision_number="3-QĐ/ĐU", announced_on=on)


def test_penalty_in_force_blocks_the_badge_and_the_last_one_defers_it(cast):
    """K8/B5 read from the discipline register: nothing typed by the officer."""
    member = admitted_on("Trần Văn Ba", cast.tree.cell_a1, D(1990, 1, 2))
    penalize(member, "warning", D(2025, 9, 3), cast.tree)  # in force until 3/9/2026
    with pytest.raises(RuleViolation) as exc:
        award(member)
    assert codes(exc) == ["badge.discipline_in_force"]
    assert {r.member.pk: r.blocked for r in services.due_list(cast.officer_a, P)}[member.pk].startswith("Đang chịu kỷ luật")
    other = admitted_on("Lê Văn Tư", cast.tree.cell_a1, D(1990, 1, 2))
    penalize(other, "warning", D(2025, 9, 1), cast.tree)
    award(other)  # lapsed on 1/9/2026; the 9 months of B5 ended on 1/6/2026
    assert AuditEntry.objects.get(action="awards.badge").changes["_data"]["discipline_form"] == "warning"


def test_discipline_deferral_rule(cast):
    facts = services.member_facts(admitted_on("Trần Văn Ba", cast.tree.cell_a1, D(1990, 1, 2)), P)
    v = rules.check_award(facts, milestone=30, kind="regular", presentation_on=P, decision_date=D(2026, 8, 20),
                          already_awarded=set(), params=services.params_on(P), today=D(2026, 12, 3),
                          discipline=rules.Discipline("warning", D(2025, 12, 3)))
    assert [x.code for x in v] == ["badge.discipline_deferral"]


def test_suspended_member_is_listed_but_held_back(cast):
    member = admitted_on("Trần Văn Ba", cast.tree.cell_a1, D(1996, 9, 2))
    event(member, EventType.SUSPENDED, D(2026, 6, 1))
    rows = services.due_list(cast.officer_a, P)
    assert [(r.member.pk, bool(r.blocked)) for r in rows] == [(member.pk, True)]
    with pytest.raises(RuleViolation) as exc:
        award(member)
    assert codes(exc) == ["badge.suspended"]


# ---------------------------------------------------------------- the due list

def test_due_list_boundaries_scope_and_recording(cast):
    t = cast.tree
    admitted_on("Đúng Ngày", t.cell_a1, D(1996, 9, 2))  # 30 years on 2/9/2026: due on that date
    admitted_on("Hôm Sau", t.cell_a1, D(1996, 9, 3))  # 30 years on 3/9/2026: due on 7/11/2026
    exempted = admitted_on("Miễn Sinh Hoạt", t.cell_a2, D(1986, 9, 1))  # 40 years on 1/9/2026
    event(exempted, EventType.EXEMPTED, D(2024, 1, 1))
    done = admitted_on("Đã Tặng", t.cell_a2, D(1996, 5, 1))
    award(done, presentation_on=D(2026, 5, 19), decision_date=D(2026, 5, 1))
    admitted_on("Xã Khác", t.cell_b1, D(1996, 1, 1))
    young = admitted_on("Còn Trẻ", t.cell_a1, D(2000, 1, 1))
    assert young  # 26 years: nothing due
    assert due_names(cast.officer_a) == {("Đúng Ngày", 30, "regular", False), ("Miễn Sinh Hoạt", 40, "regular", False)}
    assert due_names(cast.officer_a, D(2026, 11, 7)) == {
        ("Đúng Ngày", 30, "regular", True), ("Hôm Sau", 30, "regular", False), ("Miễn Sinh Hoạt", 40, "regular", True)}
    assert due_names(cast.officer_b) == {("Xã Khác", 30, "regular", True)}
    assert due_names(cast.admin) == due_names(cast.officer_a) | due_names(cast.officer_b)
    assert due_names(cast.secretary_a1) == {("Đúng Ngày", 30, "regular", False)}
    assert due_names(cast.officer_a, P, t.cell_a2) == {("Miễn Sinh Hoạt", 40, "regular", False)}
    # Recording the award removes the member from the list.
    award(Member.objects.get(full_name="Đúng Ngày"), by=cast.officer_a)
    assert due_names(cast.officer_a) == {("Miễn Sinh Hoạt", 40, "regular", False)}


def test_due_row_party_age_and_dates(cast):
    admitted_on("Đúng Ngày", cast.tree.cell_a1, D(1996, 9, 2))
    [row] = services.due_list(cast.officer_a, P)
    assert (row.milestone, row.reached_on, row.presentation_on, row.party_age) == (30, P, P, 30)


def test_gap_outside_the_party_moves_the_due_date(cast):
    member = admitted_on("Có Gián Đoạn", cast.tree.cell_a1, D(1985, 9, 2))
    event(member, EventType.STRUCK_OFF, D(2012, 9, 2), ground=RemovalGround.UNPAID_DUES)
    event(member, EventType.READMITTED, D(2016, 9, 2), cast.tree.cell_a1, number="12-QĐ/TU", body="Ban Thường vụ Tỉnh ủy")
    event(member, EventType.RECOGNIZED, D(2017, 9, 2))
    member.refresh_from_db()
    assert member.days_outside == (D(2016, 9, 2) - D(2012, 9, 2)).days == 1461
    # 30 years: 2/9/2015 without the gap, 2/9/2019 with it (the member was outside the party on the first).
    assert due_names(cast.officer_a, D(2019, 5, 19)) == set()
    assert due_names(cast.officer_a, D(2019, 9, 2)) == {("Có Gián Đoạn", 30, "regular", False)}
    award(member, presentation_on=D(2019, 9, 2), decision_date=D(2019, 8, 20))
    # 40 years: 2/9/2025 without the gap, 2/9/2029 with it.
    assert due_names(cast.officer_a, D(2026, 9, 2)) == set()
    assert due_names(cast.officer_a, D(2029, 5, 19)) == set()
    assert due_names(cast.officer_a, D(2029, 9, 2)) == {("Có Gián Đoạn", 40, "regular", False)}
    [row] = services.due_list(cast.officer_a, D(2029, 9, 2))
    assert row.reached_on == D(2029, 9, 2) and row.party_age == 40


def test_deceased_since_the_previous_presentation_date_are_proposed_posthumously(cast):
    recent = admitted_on("Mới Mất", cast.tree.cell_a1, D(1997, 3, 1))  # 30 years on 1/3/2027
    die(recent, D(2026, 7, 1))  # within (19/5/2026, 2/9/2026], 8 months short
    older = admitted_on("Mất Lâu", cast.tree.cell_a1, D(1990, 1, 1))
    die(older, D(2026, 5, 19))  # before the window: not proposed again
    far = admitted_on("Còn Thiếu Nhiều", cast.tree.cell_a1, D(1998, 1, 1))
    die(far, D(2026, 8, 1))  # 17 months short: not eligible
    assert due_names(cast.officer_a) == {("Mới Mất", 30, "posthumous", False)}
    [row] = services.due_list(cast.officer_a, P)
    assert row.died_on == D(2026, 7, 1) and row.party_age == 29
    award(recent, kind="posthumous")
    assert due_names(cast.officer_a) == set()


# ---------------------------------------------------------------- cards

def card(member, by=SYSTEM, **kw):
    args = dict(number="11112222", kind="issue", issued_on=D(2020, 1, 1))
    return services.issue_card(by=by, member=member, **(args | kw))


def test_issue_card_updates_the_register_and_audits(cast):
    member = admitted_on("Trần Văn Ba", cast.tree.cell_a1, D(2010, 1, 1))
    c = card(member, by=cast.officer_a, decision_number="5-QĐ/HU", decision_date=D(2019, 12, 20))
    member.refresh_from_db()
    assert member.party_card_number == "11112222" and member.version == 2
    assert search_members(Member.objects.all(), cast.officer_a, "11112222").get() == member  # search follows the number
    assert (c.kind, c.previous_number, c.organization) == ("issue", "", cast.tree.cell_a1)
    entry = AuditEntry.objects.get(action="awards.card")
    assert entry.changes["party_card_number"] == [None, "11112222"] and entry.actor == cast.officer_a


def test_card_number_unique_across_the_register(cast):
    a = admitted_on("Người Thứ Nhất", cast.tree.cell_a1, D(2010, 1, 1))
    b = admitted_on("Người Thứ Hai", cast.tree.cell_a2, D(2010, 1, 1), party_card_number="33334444")
    card(a, number="11112222")
    with pytest.raises(RuleViolation) as exc:
        card(b, number="11112222", kind="reissue_lost", reason="Mất thẻ")
    assert codes(exc) == ["card.number_taken"]
    with pytest.raises(RuleViolation) as exc:  # another member's number typed in the register
        card(a, number="33334444", kind="reissue_lost", reason="Mất thẻ")
    assert codes(exc) == ["card.number_taken"]
    # A number once given stays with its member, even after the member got a new one.
    card(a, number="55556666", kind="reissue_lost", reason="Mất thẻ", issued_on=D(2021, 1, 1))
    with pytest.raises(RuleViolation) as exc:
        card(b, number="11112222", kind="reissue_lost", reason="Mất thẻ")
    assert codes(exc) == ["card.number_taken"]
    # The same member may get a card reissued under a number that is theirs.
    card(a, number="11112222", kind="replace_damaged", reason="Thẻ rách", issued_on=D(2022, 1, 1))
    assert set(CardNumber.objects.filter(member=a).values_list("number", flat=True)) == {"11112222", "55556666"}
    assert PartyCard.objects.filter(member=b).count() == 0
    b.refresh_from_db()
    assert b.party_card_number == "33334444"


def test_card_rules_through_the_service(cast):
    probationary = admitted_on("Dự Bị", cast.tree.cell_a1, D(2026, 1, 5), full=False)
    with pytest.raises(RuleViolation) as exc:
        card(probationary, issued_on=D(2026, 2, 1))
    assert codes(exc) == ["card.not_full_member"]
    member = admitted_on("Chính Thức", cast.tree.cell_a1, D(2010, 1, 1), party_card_number="11112222")
    with pytest.raises(RuleViolation) as exc:
        card(member, number="22223333")
    assert codes(exc) == ["card.already_has_card"]
    with pytest.raises(RuleViolation) as exc:
        card(member, number="22223333", kind="reissue_lost")
    assert codes(exc) == ["card.reason_required"]
    c = card(member, number="22223333", kind="reissue_lost", reason="Mất ví")
    assert c.previous_number == "11112222"
    # The old number is kept as the member's: nobody else may receive it.
    assert CardNumber.objects.get(number="11112222").member == member
    for user in (cast.secretary_a1, cast.viewer_a, cast.officer_b):
        with pytest.raises(PermissionDeniedInScope):
            card(member, by=user, number="44445555", kind="reissue_lost", reason="Mất")


def test_exchange_by_citizen_id_all_or_nothing(cast):
    t = cast.tree
    a = admitted_on("An", t.cell_a1, D(2010, 1, 1), party_card_number="10000001")
    b = admitted_on("Bình", t.cell_a2, D(2010, 1, 1), party_card_number="10000002")
    no_cccd = admitted_on("Chưa Có CCCD", t.cell_a2, D(2010, 1, 1), party_card_number="10000003", citizen_id=None)
    admitted_on("Chưa Có Thẻ", t.cell_a1, D(2010, 1, 1))  # not exchanged: has no card
    admitted_on("Dự Bị", t.cell_a1, D(2026, 1, 5), full=False)
    other = admitted_on("Xã Khác", t.cell_b1, D(2010, 1, 1), party_card_number="10000009")
    kw = dict(organization=t.district_a, name="Đổi thẻ theo CT 51", issued_on=D(2026, 9, 1), decision_number="100-QĐ/HU",
              decision_date=D(2026, 8, 25), numbering=CardExchangeCampaign.NUMBERING_CITIZEN_ID)
    with pytest.raises(RuleViolation) as exc:
        services.exchange_cards(by=cast.officer_a, **kw)
    assert codes(exc) == ["card.exchange_problems"] and "Chưa Có CCCD" in exc.value.violations[0].message
    assert not PartyCard.objects.exists() and not CardExchangeCampaign.objects.exists()
    Member.objects.filter(pk=no_cccd.pk).update(citizen_id="038080123456")
    campaign = services.exchange_cards(by=cast.officer_a, **kw)
    assert campaign.card_count == 3
    for m in (a, b, no_cccd):
        m.refresh_from_db()
        assert m.party_card_number == m.citizen_id
        assert PartyCard.objects.get(member=m).kind == "exchange"
    other.refresh_from_db()
    assert other.party_card_number == "10000009"
    assert AuditEntry.objects.filter(action="awards.card").count() == 3
    assert AuditEntry.objects.filter(action="awards.exchange").count() == 1
    # Everyone is exchanged: a second run finds nobody.
    with pytest.raises(RuleViolation) as exc:
        services.exchange_cards(by=cast.officer_a, **kw)
    assert codes(exc) == ["card.exchange_empty"]


def test_exchange_with_consecutive_numbers_and_permission(cast):
    t = cast.tree
    admitted_on("An", t.cell_a1, D(2010, 1, 1), party_card_number="10000001")
    admitted_on("Bình", t.cell_a1, D(2010, 1, 1), party_card_number="10000002")
    kw = dict(organization=t.cell_a1, name="Đổi thẻ", issued_on=D(2026, 9, 1), decision_number="100-QĐ/HU",
              decision_date=D(2026, 8, 25), numbering=CardExchangeCampaign.NUMBERING_SEQUENCE, start_number="20000001")
    with pytest.raises(PermissionDeniedInScope):
        services.exchange_cards(by=cast.secretary_a1, **kw)
    with pytest.raises(PermissionDeniedInScope):
        services.exchange_cards(by=cast.officer_b, **kw)
    with pytest.raises(RuleViolation) as exc:
        services.exchange_cards(by=cast.officer_a, **(kw | {"issued_on": D(2025, 8, 7), "decision_date": D(2025, 8, 1)}))
    assert codes(exc) == ["card.before_directive"]
    services.exchange_cards(by=cast.officer_a, **kw)
    assert sorted(Member.objects.filter(organization=t.cell_a1).values_list("party_card_number", flat=True)) == [
        "20000001", "20000002"]


def test_exchange_refuses_a_number_already_given(cast):
    t = cast.tree
    admitted_on("An", t.cell_a1, D(2010, 1, 1), party_card_number="10000001")
    admitted_on("Xã Khác", t.cell_b1, D(2010, 1, 1), party_card_number="20000001")
    rows, violations = services.plan_exchange(organization=t.cell_a1, numbering="sequence", start_number="20000001",
                                              issued_on=D(2026, 9, 1), directive_date=services.CT51_DATE)
    assert [r.problem for r in rows] == ["Số 20000001 đã cấp cho một đảng viên khác."]
    assert [v.code for v in violations] == ["card.exchange_problems"]


def test_status_is_untouched_by_awards(cast):
    member = admitted_on("Trần Văn Ba", cast.tree.cell_a1, D(1996, 9, 2))
    award(member)
    member.refresh_from_db()
    assert member.status == Status.FULL
