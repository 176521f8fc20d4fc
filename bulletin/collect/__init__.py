"""The collector: read the week's news from RSS/Atom feeds into an issue file as untagged candidates.

Stages, each passing typed values to the next: :mod:`.fetch` (HTTP, limits, address guard on
every hop, conditional GET) -> :mod:`.parse` (clean bytes, feedparser, dates, plain text) ->
:mod:`.stories` (week, relevance, already known, cross-source dedupe) -> :mod:`.append` (the
editor's file: insert only, atomically). :mod:`.store` keeps state in SQLite; :mod:`.run`
ties a run together; :mod:`.report` draws progress and the per-source table for the CLI.
"""
from .model import CollectResult, FetchOptions
from .run import CollectRequest, collect

__all__ = ["CollectRequest", "CollectResult", "FetchOptions", "collect"]
