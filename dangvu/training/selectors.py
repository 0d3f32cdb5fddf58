"""Reads of classes and learners, always restricted to the user's scope (querysets.visible_to)."""

from django.db.models import Count, Q

from dangvu.admissions.models import Candidate
from dangvu.members.kinds import IN_PARTY
from dangvu.members.models import Member
from dangvu.training.kinds import Result
from dangvu.training.models import Enrolment, TrainingClass


def classes(user):
    return (TrainingClass.objects.visible_to(user).select_related("organization")
            .annotate(learners=Count("enrolments"), passed=Count("enrolments", filter=Q(enrolments__result=Result.PASSED))))


def enrolments(training_class: TrainingClass):
    return training_class.enrolments.select_related("organization", "candidate", "member").order_by("full_name", "id")


def certificates(user):
    """Certificates issued (passed learners with a certificate), newest first."""
    return (Enrolment.objects.visible_to(user).filter(certificate_date__isnull=False)
            .select_related("training_class", "organization").order_by("-certificate_date", "full_name", "id"))


def learners_for(training_class: TrainingClass, user) -> tuple:
    """Who may be enrolled: open candidates (awareness class) or members in the party (other kinds) of the class's
    subtree that the user sees, not yet enrolled."""
    root = training_class.organization
    if training_class.is_awareness:
        qs = (Candidate.objects.visible_to(user).filter(organization__path__startswith=root.path, withdrawn_on__isnull=True,
                                                         ceremony_date__isnull=True)
              .exclude(enrolments__training_class=training_class).select_related("organization"))
        return "candidates", qs
    qs = (Member.objects.visible_to(user).filter(organization__path__startswith=root.path, status__in=IN_PARTY)
          .exclude(enrolments__training_class=training_class).select_related("organization"))
    return "members", qs
