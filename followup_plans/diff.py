"""What changed between two versions of a plan, field by field, in words a reader follows."""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import PlanVersion


@dataclass(frozen=True)
class Segment:
    op: str  # "equal", "del" or "ins"
    text: str


@dataclass
class FieldChange:
    label: str
    before: str
    after: str

    @property
    def segments(self) -> list[Segment]:
        """Word by word, so a changed sentence in a long text stands out."""
        return inline_diff(self.before, self.after)


@dataclass
class ItemChange:
    kind: str  # "added", "removed" or "changed"
    title: str
    changes: list[FieldChange] = field(default_factory=list)


@dataclass
class VersionDiff:
    old: PlanVersion
    new: PlanVersion
    fields: list[FieldChange]
    tasks: list[ItemChange]
    measures: list[ItemChange]

    @property
    def is_empty(self) -> bool:
        return not (self.fields or self.tasks or self.measures)


_TOKENS = re.compile(r"\s+|[^\s]+")


def inline_diff(before: str, after: str) -> list[Segment]:
    a, b = _TOKENS.findall(before), _TOKENS.findall(after)
    segments: list[Segment] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append(Segment("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(Segment("del", "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(Segment("ins", "".join(b[j1:j2])))
    return segments


def display_value(obj, name: str) -> str:
    """A field's value as the reader sees it: dates formatted, choices and yes/no in words."""
    model_field = obj._meta.get_field(name)
    value = getattr(obj, name)
    if name == "adjustments":
        return ", ".join(obj.adjustments_display())
    if name == "task":
        return value.title if value is not None else ""
    if value is None or value == "":
        return ""
    if model_field.choices:
        return str(getattr(obj, f"get_{name}_display")())
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if hasattr(value, "isoformat"):
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def _changes(old, new, names) -> list[FieldChange]:
    """The fields whose displayed value differs; `old` None means everything is new."""
    changes = []
    for name in names:
        before = display_value(old, name) if old is not None else ""
        after = display_value(new, name)
        if before != after:
            label = str(new._meta.get_field(name).verbose_name)
            changes.append(FieldChange(label[:1].upper() + label[1:], before, after))
    return changes


def _items(old_items, new_items, names, title) -> list[ItemChange]:
    old_by_key = {i.key: i for i in old_items}
    new_keys = {i.key for i in new_items}
    result = []
    for item in new_items:
        previous = old_by_key.get(item.key)
        if previous is None:
            result.append(ItemChange("added", title(item), _changes(None, item, names)))
            continue
        changes = _changes(previous, item, names)
        if changes:
            result.append(ItemChange("changed", title(item), changes))
    for item in old_items:
        if item.key not in new_keys:
            result.append(ItemChange("removed", title(item)))
    return result


TASK_DIFF_FIELDS = ("title", "description", "assessment", "adjustments", "adjustment_description")
MEASURE_DIFF_FIELDS = ("description", "responsible", "start", "end", "status", "task", "comment")


def version_diff(old: PlanVersion, new: PlanVersion) -> VersionDiff:
    """The changes from `old` to `new`; tasks and measures are matched by the key they keep across versions."""
    old_tasks = list(old.tasks.all())
    new_tasks = list(new.tasks.all())
    old_measures = list(old.measures.select_related("task"))
    new_measures = list(new.measures.select_related("task"))
    return VersionDiff(
        old=old,
        new=new,
        fields=_changes(old, new, PlanVersion.CONTENT_FIELDS),
        tasks=_items(old_tasks, new_tasks, TASK_DIFF_FIELDS, lambda t: t.title),
        measures=_items(
            old_measures,
            new_measures,
            MEASURE_DIFF_FIELDS,
            lambda m: m.description if len(m.description) <= 80 else m.description[:77] + "…",
        ),
    )
