from cases.timeline import TimelineEvent


def case_timeline_events(case, *, user) -> list[TimelineEvent]:
    """Dated events of this app to show on the case's timeline."""
    return []
