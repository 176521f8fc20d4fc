"""The collector: read the week's news from RSS/Atom feeds into an issue file as untagged candidates.

Stages, each passing typed values to the next: :mod:`.fetch` (HTTP, limits, address guard on
every hop, conditional GET) -> :mod:`.parse` (clean bytes, feedparser, dates, plain text) ->
:mod:`.stories` (week, relevance, already known, cross-source dedupe) -> :mod:`.append` (the
editor's file: insert only, atomically). :mod:`.store` keeps state in SQLite; :mod:`.run`
ties a run together; :mod:`.report` draws progress and the per-source table for the CLI.
"""
from .model import CollectResult, FetchOptions

__all__ = ["CollectRequest", "CollectResult", "FetchOptions", "collect"]


def __getattr__(name: str) -> object:
    """``CollectRequest`` and ``collect`` load the whole run (article reader, stories…) only when asked for,
    so a module that needs one piece of the collector (the desk's lock, the issue-file scanner) stays light."""
    if name in ("CollectRequest", "collect"):
        from . import run
        return getattr(run, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
