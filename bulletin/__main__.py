"""``python -m bulletin``."""
from .cli import entry

entry()
