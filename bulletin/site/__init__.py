"""The archive website: ``make site`` (build), ``make publish`` and ``make rollback`` (deploy).

- :mod:`.archive` builds ``build/site/`` incrementally from content hashes;
- :mod:`.pages`, :mod:`.feed`, :mod:`.search` write the index and year pages, ``sitemap.xml``,
  the Atom feed and the offline search index;
- :mod:`.publish` deploys to a local directory or over rsync+SSH with an atomic swap and rollback.
"""
