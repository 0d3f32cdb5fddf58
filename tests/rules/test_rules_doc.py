"""docs/rules.md is generated from the definitions; every parameter is read by app code; every
rule's enforcing function exists."""

import importlib
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from dangvu.rules import docs
from dangvu.rules.catalog import BY_ID, RULES
from dangvu.rules.parameters import DEFINITIONS

ROOT = Path(__file__).resolve().parents[2]
DEFINITION_FILES = {"dangvu/rules/parameters.py", "dangvu/rules/catalog.py", "dangvu/rules/docs.py"}


def _app_source() -> str:
    texts = []
    for path in (ROOT / "dangvu").rglob("*"):
        rel = path.relative_to(ROOT).as_posix()
        if path.suffix in (".py", ".html") and "migrations" not in path.parts and rel not in DEFINITION_FILES:
            texts.append(path.read_text(encoding="utf-8"))
    return "\n".join(texts)


def test_every_parameter_is_read_by_app_code():
    """A parameter nobody reads would change nothing when an administrator sets it on /quy-tac/."""
    source = _app_source()
    unread = [d.key for d in DEFINITIONS if f'"{d.key}"' not in source and f"'{d.key}'" not in source]
    assert unread == [], f"parameters read by no app code: {unread}"


def test_the_unread_parameter_check_notices_an_unread_key():
    assert '"admission.no_such_parameter"' not in _app_source()


def test_every_enforcing_function_exists():
    for rule in RULES:
        for dotted in rule.enforced_in:
            module, _, name = dotted.rpartition(".")
            assert hasattr(importlib.import_module(module), name), f"{rule.id}: {dotted}"


def test_every_rule_id_of_a_parameter_is_in_the_catalog():
    for d in DEFINITIONS:
        for rule_id in re.findall(r"\b[A-Z]{1,2}\d{1,2}\b", d.rule):
            assert rule_id in BY_ID, f"{d.key} cites {rule_id}, which docs/rules.md does not describe"


def test_committed_docs_rules_md_matches_the_definitions():
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == docs.render(), "docs/rules.md is out of date: run `manage.py rules_doc`"


def test_rules_doc_check_mode(tmp_path, monkeypatch):
    target = tmp_path / "rules.md"
    monkeypatch.setattr(docs, "PATH", target)
    with pytest.raises(SystemExit):
        call_command("rules_doc", check=True)
    call_command("rules_doc")
    call_command("rules_doc", check=True)
    text = target.read_text(encoding="utf-8")
    assert "| A1 |" in text and "`admission.min_age_months`" in text and "dangvu.members.rules.check_admission_age" in text
    assert "Quy định số 208-QĐ/TW" in text and "regimes.qd208_confirmed" in text
