class DomainError(Exception):
    """A rule of the domain refused an operation; `message` is translated for the user."""

    def __init__(self, message, code: str = "invalid", field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.code = code
        self.field = field
