"""Finding people by name or by an identifying number, without making search an oracle for numbers.

A search text is split into words: words with a digit are numbers ("0380 8000 0003" is one number
when typed with separators), the others are the name. The name is matched in `search_text` (name
and other names only, never a number), ignoring case and diacritics. Each number must match one of
the record's identifying numbers (`masking.NUMBER_FIELDS`):
- on records whose masked fields the user may see (accounts.permissions.may_reveal_q), any part of
  the number;
- on every other record, only the whole number, exactly (after `masking.normalize_number`).
So whoever may not reveal a number learns nothing from a search but "this whole number is (or is
not) this person's", which is no more than the mask shows. Every search by number is audited
(`members.number_search`: who, where, the number masked), on the page, the API and the export alike.
"""

from django.db.models import Q

from dangvu.accounts import permissions
from dangvu.audit import services as audit
from dangvu.core import masking

SEARCH_ACTION = "members.number_search"


def split(text: str) -> tuple[str, list[str]]:
    """(the name part, the numbers) of a search text. Adjacent words with digits form one number."""
    name_words, numbers, current = [], [], []
    for word in (text or "").split():
        if masking.has_digit(word):
            current.append(word)
            continue
        if current:
            numbers.append(masking.normalize_number(" ".join(current)) or " ".join(current))
            current = []
        name_words.append(word)
    if current:
        numbers.append(masking.normalize_number(" ".join(current)) or " ".join(current))
    return " ".join(name_words), numbers


def numbers_q(user, number: str, *, prefix: str = "", fields=masking.NUMBER_FIELDS, reveal_q: Q | None = None) -> Q:
    """Records holding `number` in one of `fields`: whole and exact anywhere; a part of it only where
    `reveal_q` holds (by default: the members whose masked fields `user` may see)."""
    normalized = masking.normalize_number(number)
    if not normalized:
        return Q(pk__in=[])  # letters mixed with digits: no identifying number looks like that
    exact = Q()
    fragment = Q()
    for field in fields:
        exact |= Q(**{f"{prefix}{field}": normalized})
        fragment |= Q(**{f"{prefix}{field}__contains": normalized})
    if reveal_q is None:
        reveal_q = permissions.may_reveal_q(user, prefix)
    return exact | (fragment & reveal_q)


def record_number_search(user, numbers: list[str], *, where: str = "", object_type: str = "members.member") -> None:
    """One audit entry for a search by number: the actor, the page or API path, the numbers masked."""
    if not numbers or user is None or not getattr(user, "is_authenticated", False):
        return
    shown = [masking.mask_number(n) for n in numbers]
    audit.record(actor=user, action=SEARCH_ACTION, object_type=object_type, object_id="",
                 object_label="Tìm theo số định danh", data={"numbers": shown, "where": where},
                 note=f"Tìm theo số {', '.join(shown)}" + (f" ({where})" if where else ""))


def search_members(qs, user, text: str, *, where: str = ""):
    """`qs` (members, already restricted to what `user` may see) narrowed by a search text."""
    name, numbers = split(text)
    if not numbers:
        return qs.search(name)
    record_number_search(user, numbers, where=where)
    condition = Q()
    for number in numbers:
        condition &= numbers_q(user, number)
    return qs.search(name, numbers=condition)

