"""Writes to dialogue meetings. Views (and later the API) all come through here.

- Dialogue meeting 1 (arbeidsmiljøloven § 4-6 fourth paragraph) is the
  employer's: the manager invites, moves or cancels it (each change kept, the
  calendar entry updated by SEQUENCE), both sides prepare, and writing the
  minutes marks it held and the case's `dialogue_meeting_1` milestone done.
  The doctor is invited only with the employee's consent, recorded.
- The manager may record that DM1 is not required, with a written reason.
- NAV's meetings: the employer answers NAV's question about the need for a
  meeting (`nav_meeting_need_query`), records NAV's DM2/DM3 date and its reply,
  and the outcome. A DM2 date moves `plan_to_nav` to DM2 − 7 days (R23);
  holding DM2 completes `dialogue_meeting_2`. DM3 has no milestone (R24).
E-mails go out after the transaction commits.
"""

from .base import ActionInput, Invitee, MeetingError, user_label
from .meetings import (
    action_can_become_measure,
    action_to_measure,
    cancel_refusal,
    dm1_mark_not_required,
    dm1_undo_not_required,
    meeting_cancel,
    meeting_invite,
    meeting_reschedule,
    minutes_comment,
    minutes_record,
    minutes_refusal,
    participant_consent,
    preparation_save,
    reschedule_refusal,
)
from .nav import meeting_need_answer, nav_meeting_record, nav_meeting_reply

__all__ = [
    "ActionInput",
    "Invitee",
    "MeetingError",
    "action_can_become_measure",
    "action_to_measure",
    "dm1_mark_not_required",
    "dm1_undo_not_required",
    "meeting_cancel",
    "meeting_invite",
    "meeting_need_answer",
    "meeting_reschedule",
    "minutes_comment",
    "minutes_record",
    "minutes_refusal",
    "cancel_refusal",
    "reschedule_refusal",
    "nav_meeting_record",
    "nav_meeting_reply",
    "participant_consent",
    "preparation_save",
    "user_label",
]
