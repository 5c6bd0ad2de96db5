"""Errors the CLI turns into one sentence and an exit code (never a traceback without --debug)."""

EXIT_OK = 0
EXIT_FAILURE = 1  # the command ran and found a problem (e.g. a SHACL Violation, an inconsistency)
EXIT_USAGE = 2  # bad arguments, missing file, unknown command
EXIT_PARTIAL = 3  # build: some sources failed, the others were built


class UserError(Exception):
    """A problem the user can fix; ``str(err)`` is one sentence naming the file or option."""

    def __init__(self, message: str, exit_code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.exit_code = exit_code
