"""The one masking policy: how a sensitive value looks to someone who may not (or did not ask to) see it.

One rule for pages, exports, the API and the audit trail:
- identifying numbers (citizen ID, party card number, and the card register's `number` and
  `previous_number`) keep their first 4 and last 2 digits when long enough to stay unidentifiable
  ("0381******56"), otherwise only the last 2 ("******78");
- addresses (the record's, the residence contact's) and the photo become "***";
- an empty value stays empty, so one still knows whether the field is filled in;
- free text (an audit note such as "thẻ số 19513074") keeps its words, and every known sensitive
  value in it, and every run of NUMBER_RUN or more digits, is masked as a number.

Who may see a value unmasked is decided in one place too (accounts.permissions.may_reveal), and
every reveal goes through one audited service (members.services.reveal).

Search follows the same policy (members.search): those who may not reveal a number find a record by
it only with the whole number (`normalize_number`), so a search is never an oracle for its digits.
"""

import re
import unicodedata

MASK = "*"
HIDDEN_TEXT = "***"
NUMBER = "number"
TEXT = "text"
# Sensitive fields by name, and how each is masked.
SENSITIVE: dict[str, str] = {
    "citizen_id": NUMBER,
    "party_card_number": NUMBER,
    "photo": TEXT,
    "permanent_address": TEXT,
    "current_address": TEXT,
    "residence_address": TEXT,
}
NUMBER_FIELDS = tuple(name for name, kind in SENSITIVE.items() if kind == NUMBER)
# In free text, a run of this many digits or more is taken for an identifying number (card numbers have
# 8 or 12 digits, citizen IDs 12, old ID cards 9); dates (dd/mm/yyyy) and decision numbers have fewer.
NUMBER_RUN = 8
_DIGIT_RUN = re.compile(rf"\d{{{NUMBER_RUN},}}")
# What a person may type between the digits of a number: spaces, dots, dashes.
_NUMBER_SEPARATORS = re.compile(r"[\s.\-]+")


def mask_number(value) -> str:
    text = str(value)
    head = 4 if len(text) >= 10 else 0
    return text[:head] + MASK * max(len(text) - head - 2, 0) + text[-2:]


def mask(field: str, value, kind: str | None = None) -> str:
    """`value` of the sensitive field `field` as those who may not see it see it (`kind` for a field
    named otherwise, e.g. the card register's `number`: NUMBER)."""
    if value is None or value == "" or (field == "photo" and not value):
        return ""
    if (kind or SENSITIVE.get(field, TEXT)) == NUMBER:
        return mask_number(value)
    return HIDDEN_TEXT


def mask_text(text: str, known=()) -> str:
    """Free text with the sensitive values it quotes masked: each of `known` (field, value, kind) pairs
    found in it, and any run of NUMBER_RUN digits or more."""
    if not text:
        return text
    for field, value, kind in known:
        if value and isinstance(value, str) and len(value) >= 4:
            text = text.replace(value, mask(field, value, kind))
    return _DIGIT_RUN.sub(lambda m: mask_number(m.group()), text)


def normalize_number(text: str) -> str:
    """A number as typed ("0380 8000 0003", full-width digits) in the form it is stored ("038080000003");
    "" when `text` is not a number (it has a letter, or no digit)."""
    compact = _NUMBER_SEPARATORS.sub("", unicodedata.normalize("NFKC", text or ""))
    return compact if compact and compact.isascii() and compact.isdigit() else ""


def has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in unicodedata.normalize("NFKC", text or ""))
