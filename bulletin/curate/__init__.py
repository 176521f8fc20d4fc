"""The editor's desk without its web page: read the issue file's items (:mod:`.sheet`), edit its
bytes exactly (:mod:`.edits`), and apply a button safely to the file on disk (:mod:`.actions`)."""
from .actions import KINDS, Action, Done, apply
from .sheet import Row, Sheet, read_sheet

__all__ = ["KINDS", "Action", "Done", "Row", "Sheet", "apply", "read_sheet"]
