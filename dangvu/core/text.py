"""Vietnamese text: search folding and alphabetical sort keys.

`fold` makes search ignore case, diacritics and the placement of tone marks: "Hoà", "Hòa" and
"hoa" all fold to "hoa"; "Đặng" folds to "dang". `sort_key` orders names the Vietnamese way
(a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, tones after letters) and is built
from digits only, so both SQLite (bytewise) and PostgreSQL (any collation) order it alike.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")

# Base letters of the Vietnamese alphabet in order; f, j, w, z appear in foreign names and are
# placed where the Latin alphabet puts them.
_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER_CODE = {letter: 20 + i for i, letter in enumerate(_ALPHABET)}
# Tone marks (combining characters), in the conventional order: none, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Combining marks that belong to the letter itself (ă â ê ô ơ ư), not to the tone.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
_ASCII_DIGITS = frozenset("0123456789")


def fold(text: str | None) -> str:
    """Lower case, no diacritics, đ→d, single spaces: the form stored and searched."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower()).strip()


def _split_letter(ch_nfd: str) -> tuple[str, int]:
    """One NFD cluster (base + marks) → (Vietnamese letter, tone number)."""
    base, marks = ch_nfd[0], ch_nfd[1:]
    letter_marks = "".join(m for m in marks if m in _LETTER_MARKS)
    tone = 0
    for mark in marks:
        if mark in _TONES:
            tone = _TONES[mark]
    letter = unicodedata.normalize("NFC", base + letter_marks)
    return letter, tone


def _clusters(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFD", text.lower())
    clusters: list[str] = []
    for ch in decomposed:
        if unicodedata.combining(ch) and clusters:
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return clusters


def sort_key(text: str | None) -> str:
    """A digits-only key: letters first (Vietnamese order), then tones as a tie-breaker."""
    if not text:
        return ""
    primary: list[str] = []
    tones: list[str] = []
    for cluster in _clusters(_SPACES.sub(" ", text.strip())):
        letter, tone = _split_letter(cluster)
        if letter in _LETTER_CODE:
            primary.append(f"{_LETTER_CODE[letter]:02d}")
            tones.append(str(tone))
        elif letter in _ASCII_DIGITS:  # not str.isdigit(): "²" or "٣" would put non-ASCII digits in the key
            primary.append(f"1{letter}")
        elif letter == " ":
            primary.append("01")
        else:
            # Other characters (punctuation, foreign letters) keep a stable place after spaces.
            primary.append("02")
    return "".join(primary) + "00" + "".join(tones)


def person_sort_key(full_name: str | None) -> str:
    """Vietnamese person order: given name (last word) first, then the rest of the name."""
    words = (full_name or "").split()
    if not words:
        return ""
    return sort_key(" ".join([words[-1], *words[:-1]]))
