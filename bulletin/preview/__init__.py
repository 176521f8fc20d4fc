"""``bulletin preview``: a local web server that shows an issue as its HTML edition while the editor
writes it, re-rendered on every save, with what needs attention beside it.

The pieces, in the order a request meets them:

- :mod:`.server` binds 127.0.0.1 and runs uvicorn; :mod:`.app` assembles the Starlette application;
- :mod:`.guard` refuses foreign ``Host`` headers (DNS rebinding) and mutating requests without the
  session's token, and names the only files that may be served;
- :mod:`.session` holds the current :class:`~.session.Snapshot` (last good render, problems, warnings)
  and tells listeners when it changes; :mod:`.render` makes a snapshot from the files on disk with
  the HTML edition's own code; :mod:`.watch` re-renders when the issue, a picture, the settings or a
  template changes; :mod:`.panel` computes the side panel; :mod:`.pdf` builds the real editions in the
  background with :func:`bulletin.build.build_issue`.

Pages are Jinja templates under ``templates/preview/`` rendered with autoescape on; :mod:`.pages` renders
them and lists the tabs. Another page (the desk) adds its routes to :data:`.app.PAGES`.
"""
