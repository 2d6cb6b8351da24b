class DomainError(Exception):
    """A rule of the domain refused an operation; `message` is translated for the user."""

    def __init__(self, message, code: str = "invalid", field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.code = code
        self.field = field


def add_to_form(form, error: DomainError) -> None:
    """Put a service's refusal on the form (on its field where the form has one), so nothing typed is lost."""
    form.add_error(error.field if error.field in form.fields else None, str(error.message))
