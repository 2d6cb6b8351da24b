from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class HrConfig(AppConfig):
    name = "hr"
    verbose_name = _("HR: dashboard, statistics and routine")

    def ready(self) -> None:
        from .models import RoutineStep
        from .routine import forget_names

        # Milestone titles of routine steps are cached per process (hr/routine.py).
        post_save.connect(forget_names, sender=RoutineStep, dispatch_uid="hr.forget_step_names")
        post_delete.connect(forget_names, sender=RoutineStep, dispatch_uid="hr.forget_step_names_delete")
