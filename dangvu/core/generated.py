"""Files generated from a registry and committed (docs/rules.md, docs/statistics.md): written by their
command, or checked (`--check`, run by `make test`) to be up to date."""

from pathlib import Path


def write_or_check(path: Path, text: str, *, check: bool, command: str) -> str:
    """Write `text` to `path`, or with `check` exit with an error when the committed file differs."""
    if check:
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            raise SystemExit(f"{path.parent.name}/{path.name} is out of date: run `manage.py {command}`.")
        return ""
    path.write_text(text, encoding="utf-8")
    return f"Wrote {path}"
