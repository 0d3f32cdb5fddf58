"""Rule violations: what a rule check returns and what a service raises.

A violation carries a stable code, the field it concerns, a Vietnamese message that names the
field and the rule, and the source document where the rule comes from. Views turn them into form
errors, the API into a 400 answer, commands into a message: one rule, the same words everywhere.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Violation:
    code: str
    message: str
    field: str | None = None
    source: str = ""

    def text(self) -> str:
        """The message an officer reads: the rule in words and its citation, no rule ids."""
        from dangvu.core.citations import citation

        cited = citation(self.source)
        return f"{self.message} ({cited})" if cited else self.message


@dataclass
class RuleViolation(Exception):
    """Raised by a service when one or more rules refuse a change. Nothing has been written."""

    violations: list[Violation] = field(default_factory=list)

    def __str__(self) -> str:
        return "; ".join(v.text() for v in self.violations)

    def by_field(self) -> dict[str, list[str]]:
        result: dict[str, list[str]] = {}
        for v in self.violations:
            result.setdefault(v.field or "__all__", []).append(v.text())
        return result


def raise_if(violations: list[Violation]) -> None:
    """Raise the violations found, each once (a check run for several objects may find the same)."""
    if violations:
        raise RuleViolation(list(dict.fromkeys(violations)))


class ConcurrentEditError(Exception):
    """The record changed since the editor loaded it: the later save is refused."""

    def __init__(self, label: str, current_version: int):
        self.label = label
        self.current_version = current_version
        super().__init__(
            f"“{label}” vừa được người khác thay đổi sau khi bạn mở trang này. Thay đổi của bạn "
            "chưa được lưu: hãy tải lại trang để xem bản mới nhất rồi sửa lại."
        )


class PermissionDeniedInScope(Exception):
    """The user may see the object but not make this change to it."""
