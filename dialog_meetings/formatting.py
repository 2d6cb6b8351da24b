"""Meeting times and places in words, in the active language and Norwegian time."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .models import DialogMeeting


def meeting_when(meeting: DialogMeeting) -> str:
    """ "Tuesday Feb. 10, 2026, 10:00–11:00" (nb: "tirsdag 10. februar 2026, 10:00–11:00")."""
    return when(meeting.starts_at, meeting.ends_at)


def when(starts_at, ends_at) -> str:
    start = timezone.localtime(starts_at)
    end = timezone.localtime(ends_at)
    return pgettext("meeting time", "%(weekday)s %(date)s, %(start)s–%(end)s") % {
        "weekday": date_format(start, "l"),
        "date": date_format(start, "DATE_FORMAT"),
        "start": start.strftime("%H:%M"),
        "end": end.strftime("%H:%M"),
    }


def meeting_start(meeting: DialogMeeting) -> str:
    """For subject lines: "Tuesday Feb. 10, 2026 at 10:00" (short, and no dash to encode)."""
    start = timezone.localtime(meeting.starts_at)
    return pgettext("meeting start", "%(weekday)s %(date)s at %(time)s") % {
        "weekday": date_format(start, "l"),
        "date": date_format(start, "DATE_FORMAT"),
        "time": start.strftime("%H:%M"),
    }


def meeting_where(meeting: DialogMeeting) -> str:
    """The place, the video link, or both."""
    if meeting.place and meeting.video_link:
        return _("%(place)s, or by video: %(link)s") % {"place": meeting.place, "link": meeting.video_link}
    if meeting.video_link:
        return _("By video: %(link)s") % {"link": meeting.video_link}
    return meeting.place
