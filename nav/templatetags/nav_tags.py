from django import template

register = template.Library()


@register.simple_tag
def nav_submission(version):
    """The version's submission to NAV's plan API, if any (one per version)."""
    from nav.models import PlanSubmission

    return PlanSubmission.objects.filter(version=version).prefetch_related("attempt_log").first()
