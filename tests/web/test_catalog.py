"""The English catalog is complete and compiled: no string left untranslated or fuzzy in
locale/en/LC_MESSAGES/django.po, and django.mo says what the .po says (run compilemessages after editing).
No database needed."""

import ast
import gettext
import json
import re
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES"
STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _unquote(lines: list[str]) -> str:
    return "".join(json.loads(m.group(0)) for line in lines for m in [STRING.search(line)] if m)  # PO escapes are JSON's


def entries() -> list[dict]:
    """(flags, msgctxt, msgid, msgstr…) of every live entry of the .po, the header left out."""
    found = []
    for block in (LOCALE / "django.po").read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.strip().splitlines() if not line.startswith("#~")]
        entry, field = {"flags": "", "fields": {}}, None
        for line in lines:
            if line.startswith("#,"):
                entry["flags"] += line
            elif line.startswith("#"):
                continue
            elif line.startswith("msg"):
                field = line.split(" ", 1)[0]
                entry["fields"][field] = [line]
            elif field:
                entry["fields"][field].append(line)
        fields = {k: _unquote(v) for k, v in entry["fields"].items()}
        if fields.get("msgid"):
            found.append({"flags": entry["flags"], **fields})
    return found


def test_the_reader_reads_the_catalog():
    read = entries()
    assert len(read) > 1000
    assert any(e["msgid"] == "Quản trị hệ thống" and e["msgstr"] == "System administrator" for e in read)


def test_every_string_is_translated_and_none_is_fuzzy():
    missing = [e["msgid"] for e in entries()
               if "fuzzy" in e["flags"] or not all(v for k, v in e.items() if k.startswith("msgstr"))]
    assert missing == []


def test_the_compiled_catalog_matches_the_po():
    with (LOCALE / "django.mo").open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    stale = []
    for e in entries():
        if "msgstr" not in e:  # plurals: checked through the singular form
            continue
        got = compiled.pgettext(e["msgctxt"], e["msgid"]) if "msgctxt" in e else compiled.gettext(e["msgid"])
        if got != e["msgstr"]:
            stale.append(e["msgid"])
    assert stale == []


GETTEXT = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy", "ngettext", "ngettext_lazy"}
TRANSLATE_TAG = re.compile(r'{%\s*(?:translate|trans)\s+"((?:[^"\\]|\\.)*)"(?:\s+context\s+"([^"]*)")?')


def marked_strings() -> set[tuple[str | None, str]]:
    """(context, msgid) of the literal strings the app marks for translation: gettext calls in Python and
    {% translate "…" %} in templates (what makemessages extracts, without needing gettext installed)."""
    root = LOCALE.parents[2] / "dangvu"
    found = set()
    for path in root.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in GETTEXT):
                continue
            args = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in node.args]
            if node.func.id.startswith("pgettext") and len(args) >= 2 and None not in args[:2]:
                found.add((args[0], args[1]))
            elif not node.func.id.startswith("pgettext") and args and args[0] is not None:
                found.add((None, args[0]))
    for path in root.rglob("templates/**/*.html"):
        for msgid, context in TRANSLATE_TAG.findall(path.read_text(encoding="utf-8")):
            # makemessages reads a template through templatize, which doubles every "%"
            found.add((context or None, json.loads(f'"{msgid}"').replace("%", "%%")))
    return found


def test_every_marked_string_is_in_the_catalog():
    """A string marked in code or a template but missing from the .po shows in Vietnamese on the English
    pages: run makemessages and translate (the command is at the top of the .po)."""
    marked = marked_strings()
    assert len(marked) > 1000
    catalog = {(e.get("msgctxt"), e["msgid"]) for e in entries()}
    assert sorted((m for m in marked - catalog if m[1]), key=str) == []
