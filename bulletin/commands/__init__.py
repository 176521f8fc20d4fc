"""One module per CLI command group: ``configure(name, parser)`` and ``run_<name>(args) -> int``."""
