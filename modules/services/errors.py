"""Domain errors carry an i18n message key; the page shows the translated message."""

from __future__ import annotations


class DomainError(Exception):
    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key = key
        self.params = params


class PermissionDenied(DomainError):
    def __init__(self, key: str = "error.permission", **params):
        super().__init__(key, **params)


class NotFound(DomainError):
    def __init__(self, key: str = "error.not_found", **params):
        super().__init__(key, **params)


class Throttled(DomainError):
    def __init__(self, key: str = "error.throttled", **params):
        super().__init__(key, **params)
