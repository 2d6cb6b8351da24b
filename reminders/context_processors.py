from .selectors import unread_count


def unread_notifications(request) -> dict:
    """The unread count for the bell in the header: one query, none for anonymous users."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(user)}
