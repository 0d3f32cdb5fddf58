"""Helpers for the dues tests: members of the cast's cells with a declared basis."""

import datetime as dt
from decimal import Decimal

from dangvu.accounts.system import SYSTEM
from dangvu.dues import services
from tests.awards import admitted_on

D = dt.date


def member_with_basis(name, cell, *, admitted=D(2012, 6, 1), category="insured", income=Decimal(8_000_000),
                      valid_from=D(2025, 1, 1), **kw):
    member = admitted_on(name, cell, admitted)
    services.declare_basis(by=SYSTEM, member=member, valid_from=valid_from, category=category,
                           income=income if category in ("insured", "benefit", "pension") else None, **kw)
    return member
