"""How a sensitive member field looks to someone who may not (or did not ask to) see it.

One rule for pages, exports and the API: numbers keep their first 4 and last 2 digits when long
enough to stay unidentifiable ("0381******56"), otherwise only the last 2 ("******78");
addresses and the photo become "***"; an empty value stays empty, so one still knows whether
the field is filled in.
"""

MASK = "*"
HIDDEN_TEXT = "***"
NUMBER_FIELDS = ("citizen_id", "party_card_number")


def mask(field: str, value) -> str:
    if value is None or value == "" or (field == "photo" and not value):
        return ""
    if field in NUMBER_FIELDS:
        text = str(value)
        head = 4 if len(text) >= 10 else 0
        return text[:head] + MASK * max(len(text) - head - 2, 0) + text[-2:]
    return HIDDEN_TEXT
