from .models import Employee


def employee_of(user) -> Employee | None:
    """The signed-in user's own employee record, if they have one."""
    if not user.is_authenticated:
        return None
    try:
        return user.employee
    except Employee.DoesNotExist:
        return None
