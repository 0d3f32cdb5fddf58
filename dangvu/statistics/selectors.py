"""Reads of the statistics layer for a user: the organizations they may ask figures for, and the
default one (their top organization)."""

from dangvu.organizations.models import Organization

ACTION = "members.view"  # the figures count the register: those who may read it may read them


def organizations_for(user):
    """Organizations whose figures `user` may read (their subtrees, now or at any time before)."""
    return Organization.objects.restrict(user, ACTION)


def top_organization(user):
    """The highest organization of the user's scope (by depth, then path): the default subject."""
    return organizations_for(user).order_by("depth", "path").first()
