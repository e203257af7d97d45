"""Follow-ups: who 'he', 'she' or an elided subject refers to, from earlier turns."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from qa.names import candidate_names, match_speaker
from qa.types import Turn


def as_turns(history: Iterable[Turn | dict] | None) -> list[Turn]:
    turns = []
    for t in history or []:
        if isinstance(t, Turn):
            turns.append(t)
        elif isinstance(t, dict) and t.get("content"):
            turns.append(Turn(str(t.get("role", "user")), str(t["content"])))
    return turns


def last_person(history: Sequence[Turn], speakers: Iterable[str]) -> str:
    """The person the conversation is about: the latest user turn's person first, then the assistant's."""
    known = list(speakers)
    user_turns = [t for t in history if t.role == "user"]
    ordered: list[Turn] = []
    for i in range(len(history) - 1, -1, -1):
        ordered.append(history[i])
    # the user's last question names the subject more reliably than the answer, which may quote many people
    if user_turns:
        ordered.remove(user_turns[-1])
        ordered.insert(0, user_turns[-1])
    for turn in ordered:
        for name in candidate_names(turn.content):
            hit = match_speaker(name, known) if known else None
            if hit:
                return hit
    for turn in ordered:  # nobody from the quote index: take the first person-like name
        names = [n for n in candidate_names(turn.content) if len(n.split()) >= 2]
        if names:
            return names[0]
    return ""


def last_question(history: Sequence[Turn]) -> str:
    for turn in reversed(history):
        if turn.role == "user":
            return turn.content
    return ""
