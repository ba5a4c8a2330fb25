"""Errors a service raises for the user: the message is already in the user's language."""

from __future__ import annotations


class ServiceError(Exception):
    """Bad input or a rule that forbids the action; nothing was changed."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field


class NotFound(ServiceError):
    pass


class ConflictError(ServiceError):
    """Someone else changed the record since the form was opened; nothing was overwritten."""


class ValidationError(ServiceError):
    """Several fields are wrong at once; ``problems`` maps each field to its messages."""

    def __init__(self, problems: dict[str, list[str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(m for messages in problems.values() for m in messages))
