"""bulletin: collect, curate and publish the weekly "Điểm tin khoa học công nghệ".

The library never prints: it logs to the ``bulletin`` logger. Log levels mean:

- ``DEBUG``: detail for developers (cache hits, timings).
- ``INFO``: progress an editor may follow ("Đang tạo bản PDF…").
- ``WARNING``: something the editor should fix but that does not stop the build
  (a stripped control character, a glyph no font covers, raw HTML shown as text).
- Errors are never logged by the library: they are raised as :class:`bulletin.errors.BulletinError`
  and only the CLI turns them into messages and exit codes.

Loggers are named after their module (``logging.getLogger(__name__)``). The package logger has a
:class:`logging.NullHandler`, as WeasyPrint's has, so that a program using the library without
configuring logging prints nothing.
"""
import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
