"""The catalog of rules: each rule id cited in code and tests (A1, P5, H7…), what it says, its
source and status (shared/domain-rules.md), and the functions that enforce it. `docs/rules.md`
is generated from this catalog and the parameter definitions (`manage.py rules_doc`); a test
fails when the committed file differs, or when an enforcing function no longer exists.

The numbers of a rule are not written here: they are parameters (dangvu.rules.parameters), listed
with each rule by their `rule` field.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class RuleDef:
    id: str
    says: str
    source: str
    status: str
    enforced_in: tuple[str, ...] = ()  # "dangvu.module.function"


def _r(id, says, source, status, *enforced_in):
    return RuleDef(id, says, source, status, tuple(enforced_in))


AD, MR, TR, AW, RS, OR = ("dangvu.admissions.rules.", "dangvu.members.rules.", "dangvu.transfers.rules.",
                          "dangvu.awards.rules.", "dangvu.residence.rules.", "dangvu.organizations.rules.")
EV = "dangvu.evaluations.rules."
MT = "dangvu.meetings.rules."
DS = "dangvu.discipline.rules."
IN = "dangvu.inspection.rules."

RULES: tuple[RuleDef, ...] = (
    # Members & lifecycle (domain-rules §2)
    _r("M1", "Party age counts from the date of the admission decision, once the member is full.", "Điều lệ Điều 5.4", "CONF",
       MR + "party_age_years", AW + "reach_date"),
    _r("M2", "Probation starts at the admission ceremony and lasts the probation parameter.", "Điều lệ Điều 5.1", "CONF",
       MR + "check_record", AD + "probation_end"),
    _r("M4", "Time away from the party is subtracted from party age.", "—", "UNCONFIRMED", MR + "party_age_days"),
    _r("M5", "Exemption from work and meetings: the cell decides; advanced age suggests it.", "QĐ 232 Điều 7.1; HD 27/2009",
       "CONF", TR + "check_exemption", TR + "advanced_age"),
    # Admission (§3)
    _r("A1", "At the cell's admission meeting the applicant is between the minimum and maximum age, counted in months; "
       "over the maximum needs the decision of a committee directly under the Centre (recorded).",
       "QĐ 24 1.1; QĐ 294 Điều 1", "CONF", AD + "check_age", MR + "check_admission_age"),
    _r("A2", "Education: at least lower-secondary (the minimum rank of the general-education list).", "QĐ 24 1.2", "CONF",
       AD + "check_education"),
    _r("A3", "The awareness-class certificate is valid for the certificate parameter's months.", "HD 06 5.4", "SEC",
       AD + "check_certificate", AD + "certificate_expires"),
    _r("A4", "The application comes before the background statement.", "Điều lệ Điều 4; HD 06 3", "SEC", AD + "check_step_order"),
    _r("A7", "The grassroots committee certifies the statement only after verification.", "HD 06 3.4d", "SEC",
       AD + "check_step_order"),
    _r("A8", "Each introducer is a full member of the same grassroots organization who has been with the applicant for "
       "the introducer parameter's months.", "Điều lệ Điều 4.2; QĐ 294 3.2.1", "SEC", AD + "check_introducers"),
    _r("A9", "Two full members introduce; an applicant of youth age is a Youth Union member, introduced by the Youth "
       "Union executive and one full member.", "Điều lệ Điều 4", "SEC", AD + "check_introducers", AD + "check_youth_union"),
    _r("A10", "The cell's resolution needs at least 2/3 of its full members.", "HD 06 3.6b; Điều lệ Điều 4.4", "SEC",
       AD + "check_vote", AD + "reaches_two_thirds"),
    _r("A11", "The grassroots committee needs at least 2/3 of its members.", "HD 06 3.7a", "SEC", AD + "check_vote"),
    _r("A12", "Who decides: the direct superior's standing committee (a delegated grassroots committee decides itself; "
       "under a province, its standing office with the standing members heading party boards); from QĐ 208, once "
       "confirmed, the grassroots committee's standing committee.", "QĐ 29/24 4.3.2; QĐ 208", "CONF / REP-2026",
       AD + "deciding_body", "dangvu.admissions.services.default_deciding_body"),
    _r("A13", "The deciding committee decides within the decision parameter's working days of the cell's resolution, "
       "extendable once.", "QĐ 29/232 4.3.1", "CONF", AD + "window", AD + "check_in_window"),
    _r("A14", "The ceremony is held within the ceremony parameter's working days of the cell receiving the decision; "
       "later only with the direct superior's consent.", "QĐ 29/232/294 4.1", "CONF", AD + "check_ceremony"),
    _r("A15", "Re-admission: once only, after the re-admission gap since leaving and the gap since a criminal record "
       "was cleared; the higher committee decides.", "QĐ 232 3.5.1", "CONF", MR + "check_readmission"),
    _r("A16", "No re-admission for those who left on the barred grounds.", "QĐ 232; QĐ 294 3.5.2", "CONF",
       MR + "check_readmission"),
    _r("A18", "Local rules: a province may set its own values of a parameter.", "local guidance", "CONF (local)",
       "dangvu.rules.parameters.params_on"),
    _r("A19", "Admission-file documents are treated as valid for the file-validity parameter's months (local practice).",
       "local guide 2019", "UNCONFIRMED", AD + "file_valid_until", "dangvu.admissions.selectors.candidate_due"),
    # Probation (§4)
    _r("P1", "The cell proposes recognition within the proposal parameter's working days after probation ends.",
       "QĐ 29 4.2a; QĐ 294 4.2", "CONF", AD + "proposal_deadline", AD + "check_probation_vote"),
    _r("P2", "The recognition vote needs at least 2/3 of full members.", "Điều lệ Điều 5.2", "CONF", AD + "check_probation_vote"),
    _r("P3", "The committee decides recognition within its working days, extendable once.", "QĐ 29 4.3.1", "CONF",
       AD + "window"),
    _r("P4", "A qualifying member is full at the end of probation, even when decided late.", "QĐ 29 4.2b", "CONF",
       AD + "probation_end", MR + "apply"),
    _r("P5", "After the maximum number of failed votes the cell reports to the superior committee.", "QĐ 29 4.2c", "CONF",
       AD + "check_probation_vote"),
    _r("P7", "A cell below the minimum of full members cannot recognize its probationary members (the same rule as O1).",
       "Điều lệ Điều 21", "SEC", MR + "check_cell_min_full_members"),
    _r("P8", "Striking off a probationary member follows the 2/3-then-majority votes.", "legal Q&A", "SEC",
       AD + "check_probation_vote"),
    # Transfers (§5)
    _r("T1", "An official transfer's paperwork is done within the T1 working days of the basis decision.",
       "QĐ 294 6.3.1a", "CONF", TR + "check_issue"),
    _r("T2", "Who issues the introduction letter, by destination.", "QĐ 294 6.3.1", "CONF", TR + "issuing_body"),
    _r("T3", "The member presents the letter within the presentation parameter (working days from QĐ 294).",
       "QĐ 294; HD 09/2017", "CONF", TR + "presentation_deadline", TR + "is_late"),
    _r("T4", "A temporary transfer lasts from the minimum to under the maximum months (study: up to its maximum).",
       "QĐ 24/232 6.3.2", "CONF", TR + "check_period"),
    _r("T5", "Temporary transfer abroad: under the abroad maximum.", "HD 01/2021 10.2.2", "CONF", TR + "check_period"),
    _r("T6", "A member on temporary transfer is not counted in the host's membership.", "QĐ 232 6.3.2", "CONF",
       "dangvu.members.selectors.vote_base"),
    _r("T11", "The member's self-review of the year before the transfer comes with the letter.", "HD 01/2021 §10", "CONF",
       TR + "check_issue"),
    # Organizations (§1; owned by the organization rules)
    _r("O5", "QĐ 208 (2026) reportedly keeps the three levels and moves admission decisions to the grassroots standing "
       "committee; not applied until an administrator confirms its official text.", "QĐ 208 (2026)", "REP-2026",
       "dangvu.rules.regimes.regime_on"),
    _r("O1", "A cell needs the minimum of full members; below it, it passes no admission, recognition or striking-off "
       "resolution (the higher committee places its members elsewhere).", "Điều lệ Điều 21.2", "CONF",
       MR + "check_cell_min_full_members"),
    _r("O2", "A grassroots organization with the threshold of members or more is a grassroots committee; below it, a "
       "grassroots cell; otherwise with the higher committee's written consent.", "Điều lệ Điều 21.3", "CONF",
       OR + "check_grassroots_size"),
    _r("O6", "Committee terms: cells 2 congresses in 5 years (5 years under the QĐ 294 pilot); grassroots and above "
       "5 years.", "Điều lệ; QĐ 294; HD 06", "CONF", "dangvu.organizations.committees.check_term_length"),
    _r("O7", "The standing committee has at most the set share of the committee's members.", "QĐ 208 (2026)", "REP-2026",
       "dangvu.organizations.committees.check_standing_share"),
    _r("O10", "Organization code [M1].[M2].[M3].[M4].[M5], 14 digits, where required.", "QĐ 208 (2026)", "REP-2026",
       OR + "check_code"),
    _r("M3", "A committee seat is held by a full member of the organization (no probationary member).",
       "Điều lệ Điều 5", "SEC", "dangvu.organizations.committees.check_seat_holder"),
    _r("O14", "The vote base: full members convened, less those away on temporary transfer and exempted members absent.",
       "QĐ 294 9.3.2", "SEC", "dangvu.members.selectors.vote_base"),
    # Badges (§10)
    _r("B1", "Badge milestones in years of party age.", "HD 01/2021 §18", "CONF", AW + "reached_milestones", AW + "check_award"),
    _r("B2", "Early award for serious illness, up to the early-award months.", "HD 01/2021 §18", "CONF",
       AW + "early_limit_months", AW + "check_award"),
    _r("B3", "Posthumous award up to the posthumous months early.", "HD 01/2021 §18", "CONF", AW + "posthumous_due"),
    _r("B4", "Badges are presented on the national anniversaries.", "HD 01/2021 §18", "CONF", AW + "next_presentation_date"),
    _r("B5", "After a penalty a badge waits the deferral months of its form, counted from the penalty's date.",
       "QĐ 24", "CONF", AW + "deferral_end", AW + "check_award"),
    _r("B10", "Eligibility date: admission decision + milestone − time outside, rounded to the next presentation date.",
       "derived from M1, B1–B4", "inference", AW + "due_milestone"),
    # Removal (§11)
    _r("R1", "The five cases for striking a member off.", "QĐ 24 8.1", "CONF", MR + "check_ground"),
    _r("R2", "Striking off is not a disciplinary form: its grounds are not expulsion grounds.", "legal Q&A", "CONF",
       MR + "check_ground"),
    # Residence (§12)
    _r("H1", "Working members keep contact with the party organization where they live.", "QĐ 213 Điều 1", "CONF",
       RS + "check_introduce"),
    _r("H3", "The commune committee receives and assigns introduced members to residence cells.", "QĐ 213 Điều 4", "CONF",
       RS + "check_receive", RS + "check_assign"),
    _r("H4", "Residence meetings with working members every 6 months or when needed.", "QĐ 213 Điều 4", "CONF",
       RS + "meetings_minimum", RS + "check_meeting"),
    _r("H5", "Introduced but exempt from residence meetings (listed categories).", "HD 33 1.1", "CONF", RS + "check_exempt"),
    _r("H6", "Exempt even from being introduced (special duties).", "HD 33 1.2", "CONF", RS + "check_introduce"),
    _r("H7", "Due date of the annual residence comment and minimum meetings: not found, defaults to confirm.", "—",
       "UNCONFIRMED", RS + "comment_due", RS + "meetings_minimum"),
    # Annual review and classification (§8)
    _r("C2", "The 100-point scale: general criteria and task results, each up to its maximum.", "QĐ 366", "CONF",
       EV + "check_scores"),
    _r("C3", "Excellent from the excellent score (with the other conditions); the score's band is the ceiling.",
       "QĐ 366 Điều 11.1", "CONF", EV + "grade_for_score", EV + "check_member_grade"),
    _r("C4", "Good from the good score to under the excellent score.", "QĐ 366 Điều 11", "CONF", EV + "grade_for_score"),
    _r("C5", "Completed from the completed score to under the good score.", "QĐ 366 Điều 11", "CONF",
       EV + "grade_for_score"),
    _r("C6", "Not completed under the completed score, or with a disqualifying condition (capped).", "QĐ 366 Điều 11; "
       "NĐ 335/2025 Điều 20", "CONF / UNCONFIRMED", EV + "grade_ceiling", EV + "check_member_grade"),
    _r("C7", "Excellent at most the quota percentage of the base, per organization and per group of similar function "
       "defined by the campaign.", "QĐ 124 Điều 12; HD 21/2019", "CONF", EV + "check_quota", EV + "quota_max",
       EV + "group_quota_violations"),
    _r("C8", "The quota's base (good, or good or better) is configured and recorded with the campaign.", "HD 03-HD/TVĐU",
       "CONF (local)", EV + "quota_base_count"),
    _r("C10", "The direct superior's standing committee decides an organization's grade and may cancel and re-grade.",
       "HD 43; QĐ 124 Điều 13", "CONF", "dangvu.evaluations.services.decide_organization"),
    _r("C11", "A past-year violation disciplined later: that year becomes not completed, its commendations cancelled, "
       "recorded as events (on the discipline register's penalty-decided hook).", "HD 25 4.5", "CONF",
       "dangvu.evaluations.services.regrade_for_past_violation", "dangvu.evaluations.services.on_penalty_decided",
       "dangvu.evaluations.services.cancel_related_commendations", EV + "check_commendation"),
    _r("C12", "Exempted and suspended members are not graded (as they stood on the campaign's reference date).",
       "HD 21/2019; QĐ 232 7.2.3", "CONF", EV + "check_member_grade", EV + "listed_on"),
    _r("C14", "The review is held at the year's end: a campaign lists the members in the party and the organizations "
       "as they stood on its reference date (today while that date is ahead); the to-do list asks for pending steps "
       "only in the current and last years' campaigns.", "HD 43 (dates set yearly)", "CONF", EV + "listed_on",
       EV + "oldest_year_under_way"),
    _r("C15", "Two consecutive years not completed is a ground for striking off.", "QĐ 24 8.1", "CONF",
       EV + "consecutive_not_completed"),
    # Cell meetings (§6)
    _r("G1", "The cell holds a regular meeting every month (a regular meeting combined with the quarter's thematic one "
       "counts).", "Điều lệ Điều 24", "SEC", MT + "missing_regular"),
    _r("G2", "A meeting lasts at least the minimum minutes; when regular and thematic are combined, the combined minimum.",
       "HD 42-HD/BTCTW (28/10/2025)", "CONF", MT + "check_duration"),
    _r("G3", "The agenda and draft resolution reach the members, and the member of the superior committee "
       "following the cell, at least the notice days before a meeting.",
       "HD 42-HD/BTCTW (28/10/2025)", "CONF", MT + "check_notice"),
    _r("G4", "The monthly resolution has four parts: results, next tasks, assignment, self-assessment of the meeting.",
       "HD 42-HD/BTCTW (repo)", "REP-2026", MT + "check_complete"),
    _r("G5", "At least the thematic parameter's thematic meetings a quarter.", "HD 12-HD/BTCTW (6/7/2018)", "UNCONFIRMED",
       MT + "thematic_missing", MT + "thematic_required"),
    _r("G6", "Meeting by party group instead of the whole cell: only a cell with party groups and at least the group "
       "parameter's members, for at most the yearly parameter's regular meetings; the group's members are its base. Once a "
       "cell records its groups' members, a member held to attend who is in no group is named (a warning).",
       "HD 03-HD/TW (27/12/2022) II.1.2, II.2", "SEC", MT + "check_group_meeting", MT + "check_ungrouped"),
    _r("G7", "Each meeting's quality is scored on the province's sheet (criteria with points, parameters set per province; "
       "default modelled on Nghệ An QĐ 27-QĐ/TU) and graded by the sheet's bounds.", "QĐ 27-QĐ/TU Nghệ An (30/10/2023)",
       "CONF", MT + "score_quality"),
    _r("G8", "Unexcused absence from meetings in the removal parameter's months of a year is a ground to strike off (R1).",
       "QĐ 24 8.1", "CONF", MT + "absent_months"),
    # Party dues (§7). Block kept apart for merges.
    _r("D2", "Members pay monthly, in cash to the cell or on the National Public Service Portal; late and advance payments "
       "allowed; one payment a month, by the cell the member belonged to that month.", "QĐ 01-QĐ/TW Điều 5", "CONF",
       "dangvu.dues.rules.check_payment", "dangvu.dues.rules.timing"),
    _r("D3", "Members in compulsory social insurance pay the salary rate of the salary used as its base.", "QĐ 01-QĐ/TW",
       "CONF", "dangvu.dues.rules.monthly_due"),
    _r("D4", "On sick or maternity leave paid by social insurance: the benefit rate of the benefit.", "QĐ 01-QĐ/TW", "CONF",
       "dangvu.dues.rules.monthly_due"),
    _r("D5", "Pensioners pay the pension rate of the pension.", "QĐ 01-QĐ/TW", "CONF", "dangvu.dues.rules.monthly_due"),
    _r("D6", "Pupils and students pay the fixed student amount.", "QĐ 01-QĐ/TW", "CONF", "dangvu.dues.rules.monthly_due"),
    _r("D7", "Members not insured pay a rate of the regional minimum wage (below or at pension age), changing from the "
       "later year.", "QĐ 01-QĐ/TW (2026 repositories)", "REP-2026", "dangvu.dues.rules.monthly_due"),
    _r("D8", "Regional minimum wages by zone, as dated parameters.", "NĐ 293/2025 (via one app)", "UNCONFIRMED",
       "dangvu.dues.rules.monthly_due"),
    _r("D9", "Exempt: party age at the threshold or more (QĐ 01 months only), social pension; on application, poor or "
       "near-poor households and catastrophic illness.", "QĐ 01-QĐ/TW via a committee notice", "SEC",
       "dangvu.dues.rules.monthly_due", "dangvu.dues.rules.check_basis"),
    _r("D10", "Reductions at the three hardship levels; each exemption or reduction lasts at most the relief months.",
       "QĐ 01-QĐ/TW via a committee notice", "SEC", "dangvu.dues.rules.check_basis", "dangvu.dues.rules.monthly_due"),
    _r("D12", "Not paying dues for the removal months in a year without valid reason is ground for striking off.",
       "QĐ 01-QĐ/TW; QĐ 24 8.1", "CONF", "dangvu.dues.rules.unpaid_months", "dangvu.dues.evidence.evidence"),
    _r("D14", "Retention and remittance shares under QĐ 01: not found; the QĐ 342 shares apply until set.", "—",
       "UNCONFIRMED", "dangvu.dues.rules.retention_percent"),
    _r("D15", "Before 1/2/2026: salaried members and stipend holders pay the QĐ 342 salary rate.", "QĐ 342-QĐ/TW", "SEC",
       "dangvu.dues.rules.monthly_due"),
    _r("D16", "Retention shares of QĐ 342 by level (cell under a grassroots committee, commune grassroots, other "
       "grassroots, above grassroots).", "QĐ 342-QĐ/TW II.1 via CV 141", "CONF", "dangvu.dues.rules.retention_percent"),
    _r("D17", "Before 1/2/2026: pensioners the QĐ 342 pension rate, other members a fixed amount.", "—", "UNCONFIRMED",
       "dangvu.dues.rules.monthly_due"),
    # Discipline, appeals, notifications (§9). Block kept apart for merges.
    _r("K1", "Discipline forms by subject: organizations reprimand, warning, dissolution; full members reprimand, warning, "
       "removal from post (only while holding a post), expulsion; probationary members reprimand, warning.",
       "Điều lệ Điều 35; QĐ 69 Điều 7; QĐ 296 Điều 9", "CONF", DS + "allowed_forms", DS + "check_form"),
    _r("K2", "The cell reprimands or warns its own members, except for tasks assigned by a higher level; the cell "
       "committee has no disciplinary power.", "QĐ 296 Điều 10.1", "SEC", DS + "check_body"),
    _r("K3", "An organization is reprimanded or warned by the direct superior committee or its standing committee.",
       "QĐ 296 Điều 11", "SEC", DS + "check_body"),
    _r("K4", "Votes: more than the majority share of all members with voting rights (base from the register); expulsion "
       "also needs at least the proposing share of the proposing body.", "QĐ 69 Điều 15", "CONF",
       DS + "check_decision_vote", DS + "check_proposal_vote", "dangvu.discipline.services.decide"),
    _r("K5", "A decision takes effect when announced.", "QĐ 296 Điều 15.2", "SEC", DS + "check_announcement",
       "dangvu.discipline.services.announce"),
    _r("K6", "Limitation period from the violation (reprimand level, warning or removal level); a new violation restarts "
       "it; none for expulsion-level, internal-political, security-defence-foreign violations and illegal degrees.",
       "QĐ 69 Điều 4", "CONF", DS + "limitation_expires", DS + "check_limitation"),
    _r("K7", "A penalty lapses the lapse months after its (or its appeal decision's) announcement, without appeal, repeat "
       "or new violation; never expulsion or dissolution.", "QĐ 69 Điều 2.5", "CONF", DS + "lapse_date", DS + "stops_lapse"),
    _r("K8", "While a penalty is in force, no party title or award (the badge waits).", "QĐ 69 Điều 2.13", "CONF",
       AW + "check_award", "dangvu.discipline.selectors.penalty_in_force"),
    _r("K9", "Not considered while pregnant, nursing a child under the nursing months, or seriously ill in hospital.",
       "QĐ 296 Điều 8.7", "SEC", DS + "check_deferral", DS + "check_not_deferred"),
    _r("K10", "The member is heard before the decision, or invited the set number of times without coming.",
       "QĐ 296 Điều 12", "SEC", DS + "check_hearing"),
    _r("K11", "Appeal within the appeal days of receiving the decision; the grounds on which it is not handled.",
       "QĐ 296 Điều 23, 25.1", "SEC", DS + "appeal_bars", DS + "appeal_deadline"),
    _r("K12", "State bodies, the Front and mass organizations inform the party organization within the notification days.",
       "QĐ 296 Điều 8.5", "CONF", DS + "notification_late"),
    # Inspection and supervision (§9). Block kept apart for merges.
    _r("K13", "Inspection: cells inspect their own members on member duties, cell resolutions, assigned tasks, setting an "
       "example and the things members must not do; party boards and staff bodies do not inspect a member for signs of "
       "violation.", "QĐ 296 Điều 5–6", "SEC", IN + "check_opening", "dangvu.inspection.services.open_case"),
    _r("K14", "Thematic supervision by a cell only with a cell committee, more than the member threshold, or dispersed "
       "members or many party groups; cells do not supervise members in leading posts or managed by higher committees.",
       "HD 08-HD/TW (10/6/2025) II.3.2", "SEC", IN + "check_opening", "dangvu.inspection.services.cell_facts"),
    _r("K15", "A denunciation is handled when signed, specific and with evidence; anonymous or forged ones are not, but "
       "may prompt an inspection; the denouncer is known only to the handlers.", "QĐ 296 Điều 19", "SEC",
       IN + "admissibility", "dangvu.inspection.services.reveal_denouncer"),
    _r("K18", "Coverage: members thematically inspected or supervised in the year over all members, against the target "
       "parameter.", "published district reports", "CONF", IN + "coverage_shortfall",
       "dangvu.inspection.selectors.coverage"),
    # Targets of congress resolutions and yearly plans (issue 11 §3). Not in domain-rules.md: an id of its own (TG).
    _r("TG1", "A target's status: after its period met or missed; during it, a cumulative count already at its minimum is "
       "met (past its maximum: missed), otherwise on track unless below the linear progress by more than the tolerance.",
       "—", "UNCONFIRMED", "dangvu.targets.rules.status"),
    # Training classes (issue 15). Not in domain-rules.md: an id of its own (TR).
    _r("TR1", "A new member attends the class for new members within the parameter's months of the ceremony (listed in "
       "the to-do until a passed enrolment is recorded).", "Chương trình bồi dưỡng đảng viên mới (Ban Tuyên giáo TW); "
       "deadline not found", "UNCONFIRMED", "dangvu.training.rules.new_member_class_due"),
    _r("TR2", "A passed theory class's certificate raises the member's political theory level (highest held) with its "
       "date, as a row of the history.", "biểu 3-TCTW (highest level only)", "CONF", "dangvu.training.rules.theory_level_code"),
)
BY_ID = {r.id: r for r in RULES}
