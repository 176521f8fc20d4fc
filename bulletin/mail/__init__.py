"""The email edition and its delivery.

:mod:`.edition` renders the message body (HTML for mail clients, plain text), :mod:`.message`
wraps it in MIME, :mod:`.subscribers` reads the subscriber list, :mod:`.ledger` records every
send in SQLite and :mod:`.deliver` talks SMTP, gently and resumably.
"""
