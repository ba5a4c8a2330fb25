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
