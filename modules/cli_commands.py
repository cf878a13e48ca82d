"""CLI commands that need the database (filled in as the services land)."""


def register(sub) -> None:
    return None
