"""The employee's own view (innsyn, GDPR art. 15): everything the app holds about them, and who read it.

Built here, at the top, because it gathers from every app: periods and cases with their milestones and
conversations (cases), plans (followup_plans), meetings (dialog_meetings), egenmeldinger
(self_certification), and from the audit log who has read their case and when. The one thing left out
is what the law lets the manager keep to themselves: the private note of a conversation, and a
manager's preparation for a meeting that they have not shared.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db import connection, models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from cases import access, retention
from cases.access import Role
from cases.models import AbsencePeriod, Case
from cases.titles import milestone_title
from dialog_meetings.models import DialogMeeting, Preparation
from followup_plans.models import FollowupPlan
from organisation.models import Employee
from self_certification.models import SelfCertification

# Never shown: the manager's own notes, keys and secrets, bookkeeping of no meaning to a person.
HIDDEN_FIELDS = {"private_note", "national_id_encrypted", "uid", "sequence", "password", "token", "key_hash"}


@dataclass
class Item:
    """One record: its fields as (name, label, value), value as text or a date."""

    title: str
    fields: list[tuple[str, str, object]]
    children: list["Section"] = field(default_factory=list)
    codes: dict = field(default_factory=dict)  # for the JSON only: codes a program reads (a milestone's key)

    def as_json(self) -> dict:
        data = {**self.codes, **{name: _plain(value) for name, _label, value in self.fields}}
        for child in self.children:
            data[child.key] = [item.as_json() for item in child.items]
        return data


@dataclass
class Section:
    key: str
    title: str
    items: list[Item]


@dataclass
class Read:
    at: datetime
    name: str
    role: str
    what: str


@dataclass
class MyData:
    employee: Employee
    sections: list[Section]
    reads: list[Read]
    retention: retention.RetentionPeriods
    deletions: list[tuple[Case, date]]  # each closed case and the day it will be deleted
    made_at: datetime

    def as_json(self) -> dict:
        return {
            "made_at": self.made_at.isoformat(),
            "employee": {
                "name": self.employee.full_name,
                "employee_number": self.employee.employee_number,
                "unit": str(self.employee.unit),
                "manager": str(self.employee.manager or ""),
            },
            **{section.key: [item.as_json() for item in section.items] for section in self.sections},
            "reads": [{"at": r.at.isoformat(), "name": r.name, "role": r.role, "what": r.what} for r in self.reads],
            "retention_days": {
                "cases": self.retention.cases,
                "self_certifications": self.retention.self_certifications,
                "audit_events": self.retention.audit_events,
            },
            "deletion_dates": [{"case": case.pk, "deleted_on": day.isoformat()} for case, day in self.deletions],
        }


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    return str(value)


# Fields without a label of their own (Django made one from the name), named here; the others are bookkeeping.
FALLBACK_LABELS = {
    "created_at": lambda: _("Created"),
    "updated_at": lambda: _("last changed"),
    "recorded_at": lambda: _("recorded at"),
    "recorded_by": lambda: _("recorded by"),
}
DERIVED = {"next_milestone_key", "next_milestone_due", "fulfilled_by_type", "fulfilled_by_id", "reason", "key"}


def _label(f) -> str | None:
    if str(f.verbose_name) == f.name.replace("_", " "):
        fallback = FALLBACK_LABELS.get(f.name)
        return fallback() if fallback else None
    return str(f.verbose_name)


def _fields(obj: models.Model, *, skip: set[str] = frozenset()) -> list[tuple[str, str, object]]:
    """The record's own fields with their translated labels, choices as their labels, relations by name."""
    found = []
    for f in obj._meta.concrete_fields:
        if f.name in HIDDEN_FIELDS or f.name in skip or f.name in DERIVED or f.primary_key:
            continue
        label = _label(f)
        if label is None:
            continue
        if f.is_relation:
            related = getattr(obj, f.name, None)
            if f.related_model is None or related is None:
                continue
            value = (
                related.get_full_name() or related.get_username() if hasattr(related, "get_username") else str(related)
            )
        elif f.choices:
            value = getattr(obj, f"get_{f.attname}_display")()
        else:
            value = getattr(obj, f.attname)
        if value in ("", None, [], {}):
            continue
        found.append((f.name, label[:1].upper() + label[1:], value))
    return found


def _item(obj, title: str, *, skip: set[str] = frozenset(), children=(), codes=None) -> Item:
    return Item(
        title=title, fields=_fields(obj, skip=skip | {"employee", "case"}), children=list(children), codes=codes or {}
    )


def _role(actor, employee: Employee) -> str:
    """What the reader is to the employee, as it stands today."""
    roles = access.roles(actor)
    if employee.manager_id and employee.manager.user_id == actor.pk:
        return _("Nearest manager")
    if Role.HR in roles:
        return _("HR")
    if Role.MANAGER in roles:
        return _("Acting manager")
    if Role.ADMIN in roles:
        return _("Administrator")
    return _("User")


WHAT = {
    "case.view": lambda: _("Read your case"),
    "case.view_private": lambda: _("Read your case"),
    "employee.view": lambda: _("Opened your employee page"),
    "employee.view_national_id": lambda: _("Saw your national identity number"),
    "list.read": lambda: _("Saw you in a list"),
}


def reads_of(employee: Employee, *, limit: int = 500) -> list[Read]:
    """Who other than the employee has read their case or data, newest first (from the audit log)."""
    own = Q(employee=employee) & (
        Q(action__endswith=".view")
        | Q(action__endswith=".view_private")
        | Q(action__in=["employee.view_national_id", "plan.pdf", "plan.json", "minutes.pdf", "meeting.view"])
    )
    if connection.features.supports_json_field_contains:
        own |= Q(
            action="list.read", detail__organisation=employee.organisation_id, detail__employees__contains=[employee.pk]
        )
    events = (
        AuditEvent.objects.filter(own)
        .exclude(actor=None)
        .exclude(actor_id=employee.user_id or 0)
        .select_related("actor")
        .order_by("-at", "-pk")[:limit]
    )
    people: dict[int, tuple[str, str]] = {}
    reads = []
    for event in events:
        if event.actor_id not in people:
            actor = event.actor
            person = Employee.objects.filter(user=actor).first()
            people[event.actor_id] = (person.full_name if person else actor.get_username(), _role(actor, employee))
        name, role = people[event.actor_id]
        what = WHAT.get(event.action, lambda e=event: _("Read: %(what)s") % {"what": e.action})()
        reads.append(Read(at=event.at, name=name, role=role, what=what))
    return reads


def my_data(employee: Employee) -> MyData:
    """Everything held about the employee, for their own page and the download."""
    periods = AbsencePeriod.objects.filter(employee=employee).order_by("start")
    cases = list(
        Case.objects.filter(employee=employee).prefetch_related("milestones", "conversations").order_by("start")
    )
    plans = (
        FollowupPlan.objects.filter(case__employee=employee)
        .prefetch_related("versions__measures", "versions__tasks", "versions__comments", "versions__approvals")
        .order_by("pk")
    )
    meetings = (
        DialogMeeting.objects.filter(case__employee=employee)
        .prefetch_related("participants", "preparations")
        .order_by("starts_at")
    )
    certifications = SelfCertification.objects.filter(employee=employee).order_by("start")
    sections = [
        Section(
            "periods",
            _("Absence periods"),
            [_item(p, f"{p.get_kind_display()} {p.start:%d.%m.%Y}–{p.end:%d.%m.%Y}") for p in periods],
        ),
        Section(
            "cases",
            _("Cases"),
            [
                _item(
                    case,
                    _("Sick leave from %(date)s") % {"date": f"{case.start:%d.%m.%Y}"},
                    skip={"warnings"},
                    children=[
                        Section(
                            "milestones",
                            _("Milestones"),
                            [_item(m, milestone_title(m.key), codes={"key": m.key}) for m in case.milestones.all()],
                        ),
                        Section(
                            "conversations",
                            _("Conversations"),
                            [
                                _item(c, f"{c.get_kind_display()} {c.held_on:%d.%m.%Y}")
                                for c in case.conversations.all()
                            ],
                        ),
                    ],
                )
                for case in cases
            ],
        ),
        Section(
            "plans",
            _("Follow-up plans"),
            [
                _item(
                    plan,
                    _("Follow-up plan %(number)s") % {"number": plan.pk},
                    children=[
                        Section(
                            "versions",
                            _("Versions"),
                            [
                                _item(
                                    v,
                                    _("Version %(number)s") % {"number": v.number},
                                    skip={"plan"},
                                    children=[
                                        Section(
                                            "tasks",
                                            _("Tasks"),
                                            [_item(t, str(t), skip={"version"}) for t in v.tasks.all()],
                                        ),
                                        Section(
                                            "measures",
                                            _("Measures"),
                                            [_item(m, str(m), skip={"version"}) for m in v.measures.all()],
                                        ),
                                        Section(
                                            "comments",
                                            _("Comments"),
                                            [_item(c, str(c), skip={"version"}) for c in v.comments.all()],
                                        ),
                                        Section(
                                            "approvals",
                                            _("Approvals"),
                                            [_item(a, str(a), skip={"version"}) for a in v.approvals.all()],
                                        ),
                                    ],
                                )
                                for v in plan.versions.all()
                            ],
                        ),
                    ],
                )
                for plan in plans
            ],
        ),
        Section(
            "meetings",
            _("Dialogue meetings"),
            [
                _item(
                    m,
                    f"{m.get_kind_display()} {timezone.localtime(m.starts_at):%d.%m.%Y}",
                    children=[
                        Section(
                            "preparations",
                            _("Preparations"),
                            [
                                _item(p, p.get_side_display(), skip={"meeting"})
                                for p in m.preparations.all()
                                if p.side == Preparation.Side.EMPLOYEE or p.shared
                            ],
                        ),
                        Section(
                            "minutes",
                            _("Minutes"),
                            [_item(m.minutes, _("Minutes"), skip={"meeting"})] if hasattr(m, "minutes") else [],
                        ),
                    ],
                )
                for m in meetings
            ],
        ),
        Section(
            "self_certifications",
            _("Self-certifications (egenmelding)"),
            [_item(s, f"{s.start:%d.%m.%Y}–{s.end:%d.%m.%Y}") for s in certifications],
        ),
    ]
    deletions = [(case, retention.deletion_date(case.end)) for case in cases if case.status == Case.Status.CLOSED]
    return MyData(
        employee=employee,
        sections=sections,
        reads=reads_of(employee),
        retention=retention.retention_periods(),
        deletions=deletions,
        made_at=timezone.now(),
    )
