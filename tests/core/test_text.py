"""Vietnamese search folding and alphabetical order (shared/domain.md, "Vietnamese conventions")."""

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.core.text import fold, person_sort_key, sort_key

# ---------------------------------------------------------------------------- fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Nguyễn Văn An", "nguyen van an"),
        ("ĐẶNG THỊ HƯỜNG", "dang thi huong"),
        ("đảng bộ", "dang bo"),
        ("Hoà", "hoa"),
        ("Hòa", "hoa"),
        ("Thuỷ", "thuy"),
        ("Thủy", "thuy"),
        ("  Chi   bộ\tthôn\nĐông  ", "chi bo thon dong"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_fold_ignores_both_tone_placements():
    assert fold("Hoà") == fold("Hòa") == fold("hoa") == fold("HOÀ")
    assert fold("Thuỷ") == fold("Thủy") == fold("thuy")
    # Decomposed input (as some keyboards and macOS file names produce) folds the same.
    assert fold(unicodedata.normalize("NFD", "Nguyễn Thị Hoà")) == fold("Nguyễn Thị Hòa") == "nguyen thi hoa"


def test_search_text_finds_name_without_diacritics():
    assert fold("nguyen van an") == fold("Nguyễn Văn An")
    assert fold("nguyen thi hoa") in fold("Bà Nguyễn Thị Hoà, bí thư")
    assert fold("dang") == fold("Đặng")


@given(st.text())
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(st.text())
def test_fold_ignores_case_and_composition(text):
    assert fold(text.upper()).lower() == fold(text.upper())
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))


@given(st.text())
def test_fold_has_no_vietnamese_diacritics_or_upper_case(text):
    folded = fold(text)
    assert "đ" not in folded and "Đ" not in folded
    assert not any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", folded))
    assert folded == folded.strip()
    assert "  " not in folded


# ---------------------------------------------------------------------------- sort_key


def _sorted(names):
    return sorted(names, key=sort_key)


def test_letters_in_vietnamese_order():
    assert _sorted(["b", "â", "ă", "a"]) == ["a", "ă", "â", "b"]
    assert _sorted(["e", "đ", "d"]) == ["d", "đ", "e"]
    assert _sorted(["ơ", "ô", "o", "p"]) == ["o", "ô", "ơ", "p"]
    assert _sorted(["v", "ư", "u"]) == ["u", "ư", "v"]
    assert _sorted(["ê", "e", "g"]) == ["e", "ê", "g"]


def test_tones_come_after_letters():
    # Letters decide first: "Ánh" sorts with "Anh", before "Ba" although "Á" has a tone.
    assert _sorted(["Ba", "Ánh", "Anh"]) == ["Anh", "Ánh", "Ba"]
    # "Ánh" and "Ăn": ă is a different letter, after every tone of a.
    assert _sorted(["Ăn", "Ánh", "Anh"]) == ["Anh", "Ánh", "Ăn"]
    # Tone order: none, huyền, hỏi, ngã, sắc, nặng.
    assert _sorted(["mạ", "má", "mã", "mả", "mà", "ma"]) == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_d_and_dj():
    assert _sorted(["Đào", "Dung", "Em"]) == ["Dung", "Đào", "Em"]
    assert sort_key("Dung") < sort_key("Đào")
    assert sort_key("Đào") < sort_key("Em")


def test_case_and_composition_do_not_change_the_key():
    assert sort_key("Nguyễn") == sort_key("NGUYỄN") == sort_key(unicodedata.normalize("NFD", "nguyễn"))
    assert sort_key("  Chi  bộ ") == sort_key("Chi bộ")


def test_shorter_word_first_and_space_before_letters():
    assert _sorted(["Anh", "An"]) == ["An", "Anh"]
    assert _sorted(["Anh", "An Bình"]) == ["An Bình", "Anh"]
    assert _sorted(["Chi bộ 2", "Chi bộ 10", "Chi bộ A"])[-1] == "Chi bộ A"


def test_empty_keys():
    assert sort_key("") == sort_key(None) == ""
    assert person_sort_key("") == person_sort_key(None) == person_sort_key("   ") == ""


def test_person_sort_key_orders_by_given_name_first():
    names = ["Nguyễn Thị Bình", "Trần Văn An", "Lê Văn Cường", "Nguyễn Văn An"]
    assert sorted(names, key=person_sort_key) == ["Nguyễn Văn An", "Trần Văn An", "Nguyễn Thị Bình", "Lê Văn Cường"]
    assert person_sort_key("Trần Văn An") < person_sort_key("Nguyễn Thị Bình")
    # Letters of the whole key first, tones last: "Ánh Đỗ" < "Anh Võ" because đ < v.
    assert person_sort_key("Đỗ Thị Ánh") < person_sort_key("Võ Văn Anh")


# ---------------------------------------------------------------------------- reference comparison

REFERENCE_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
VOWELS = "a ă â e ê i o ô ơ u ư y".split()
# Tone marks in dictionary order: none, huyền (grave), hỏi (hook), ngã (tilde), sắc (acute), nặng (dot below).
TONE_MARKS = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]

# Every precomposed Vietnamese letter (lower case) → (letter, tone); built from the letters and
# marks above, not from the code under test.
REFERENCE_LETTERS: dict[str, tuple[str, int]] = {}
for _letter in REFERENCE_ALPHABET:
    REFERENCE_LETTERS[_letter] = (_letter, 0)
for _letter in VOWELS:
    for _tone, _mark in enumerate(TONE_MARKS):
        REFERENCE_LETTERS[unicodedata.normalize("NFC", _letter + _mark)] = (_letter, _tone)
assert len(REFERENCE_LETTERS) == len(REFERENCE_ALPHABET) + 5 * len(VOWELS) == 93


def reference_key(text: str):
    """(letters as alphabet positions with space < digits < letters, then tones): compared as tuples."""
    primary, tones = [], []
    for ch in " ".join(unicodedata.normalize("NFC", text).lower().split()):
        if ch == " ":
            primary.append(-20)
        elif ch.isdigit():
            primary.append(-10 + int(ch))
        else:
            letter, tone = REFERENCE_LETTERS[ch]
            primary.append(REFERENCE_ALPHABET.index(letter))
            tones.append(tone)
    return tuple(primary), tuple(tones)


_vn_chars = sorted(REFERENCE_LETTERS) + [c.upper() for c in sorted(REFERENCE_LETTERS)] + list(" 0123456789")
vietnamese_text = st.text(alphabet=st.sampled_from(_vn_chars), max_size=12)
maybe_decomposed = st.builds(lambda t, form: unicodedata.normalize(form, t), vietnamese_text, st.sampled_from(["NFC", "NFD"]))


def _sign(x, y):
    return (x > y) - (x < y)


@given(maybe_decomposed, maybe_decomposed)
def test_sort_key_agrees_with_reference_comparison(a, b):
    assert _sign(sort_key(a), sort_key(b)) == _sign(reference_key(a), reference_key(b))


@given(st.lists(vietnamese_text, max_size=8))
def test_sorting_by_key_equals_sorting_by_reference(names):
    assert [reference_key(n) for n in sorted(names, key=sort_key)] == sorted(reference_key(n) for n in names)


@given(st.text())
def test_sort_key_is_ascii_digits_only(text):
    assert re.fullmatch(r"[0-9]*", sort_key(text))
    assert re.fullmatch(r"[0-9]*", person_sort_key(text))


@given(vietnamese_text, st.text())
def test_sort_key_equal_for_texts_equal_up_to_case_and_composition(a, b):
    assert sort_key(a.lower()) == sort_key(a.upper())
    assert sort_key(unicodedata.normalize("NFD", b)) == sort_key(unicodedata.normalize("NFC", b))
