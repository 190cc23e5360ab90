"""A team's and a project's skills inside a sentence, as a leader says them."""

from __future__ import annotations


def skill_words(skill: str) -> str:
    """A skill inside a sentence, as a leader says it: ``marketing_automation`` ->
    ``marketing automation`` (the data's own spelling otherwise, ``SEO`` stays ``SEO``: give
    it :meth:`~planner.core.domain.Problem.skill_name`, not the key skills compare by)."""
    return skill.replace("_", " ").strip()


def skill_at(skill: str, level: int) -> str:
    """A required skill with its level named: ``events at level 2`` ("events 2" read as two
    events; "(has 0)" beside it as none of them)."""
    return f"{skill_words(skill)} at level {level}"


def skill_missing(skill: str, level: int, has: int) -> str:
    """A skill a team lacks: ``seo at level 4 (has level 3)``, ``events at level 2 (has none)``."""
    return f"{skill_at(skill, level)} ({f'has level {has}' if has else 'has none'})"


__all__ = ["skill_at", "skill_missing", "skill_words"]
