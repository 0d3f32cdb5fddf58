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


# --- The text policy: one cleaning for every free-text value stored (dangvu.core.integrity) ---------
# Characters a person never means to type: C0/C1 controls (tab and line breaks allowed in long
# texts only), zero-width characters and bidirectional overrides (they hide or reorder text), the
# byte-order mark, and lone surrogates.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e") | frozenset(
    chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C))
_LINE_BREAKS = frozenset("\t\n\r")
# A Vietnamese letter carries at most two marks (ệ: circumflex and dot below); more stacked marks
# are "Zalgo" text that overflows the line above and below.
MAX_STACKED_MARKS = 2


def _describe(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def text_fault(value: str, *, multiline: bool = False) -> str:
    """Why `value` may not be stored ("" when it may): the rule, in Vietnamese."""
    marks = 0
    for ch in unicodedata.normalize("NFD", value):  # marks counted decomposed: ô + ̂ is three, not two
        category = unicodedata.category(ch)
        if ch in _LINE_BREAKS and multiline:
            marks = 0
            continue
        if category in ("Cc", "Cs", "Co") or ch in _INVISIBLE or category == "Cf":
            kind = "ký tự điều khiển" if category == "Cc" else "ký tự ẩn hoặc đảo chiều"
            return f"không được chứa {kind} ({_describe(ch)})."
        if unicodedata.combining(ch):
            marks += 1
            if marks > MAX_STACKED_MARKS:
                return f"có quá nhiều dấu chồng lên một chữ (tối đa {MAX_STACKED_MARKS})."
        else:
            marks = 0
    return ""


def _script(ch: str) -> str:
    try:
        return unicodedata.name(ch).split()[0]
    except ValueError:
        return "?"


def name_fault(value: str) -> str:
    """A person's name mixes scripts (a Cyrillic "о" among Latin letters looks the same and is never
    found by search): the rule broken, "" when the name is written in one script."""
    scripts = {_script(ch) for ch in value if ch.isalpha()}
    if len(scripts) > 1:
        return f"trộn chữ của nhiều hệ chữ viết ({', '.join(sorted(s.title() for s in scripts))}); hãy gõ lại bằng bàn phím tiếng Việt."
    return ""


def clean_text(value: str) -> str:
    """The stored form of a text: NFC (composed Vietnamese, as every keyboard but some Mac apps
    types it: "Hoà" typed decomposed is the same name and must be found by the same search)."""
    return unicodedata.normalize("NFC", value)


def printable(value) -> str:
    """A text safe to write into a DOCX/XLSX part (XML 1.0): control characters other than tab and
    line breaks removed. The second line of defence for values stored before the text policy."""
    text = "" if value is None else str(value)
    return "".join(ch for ch in text if ch in _LINE_BREAKS or unicodedata.category(ch) not in ("Cc", "Cs"))
