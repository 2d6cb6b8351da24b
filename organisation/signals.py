"""Signals the organisation sends, so apps above it follow without being imported from here.

`managers_changed` is sent (after the transaction commits) with `employee_ids` whenever the
nearest manager of those employees may have changed in a way Django's own `post_save` does not
see, e.g. the import's bulk updates. A single `Employee.save()` and delegations are seen by
`post_save`/`post_delete` on the models.
"""

from django.dispatch import Signal

managers_changed = Signal()  # kwargs: employee_ids (list[int]), source (str)
