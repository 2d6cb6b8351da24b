"""The unit groups HR's figures are broken down by: one level of the unit tree at a time.

With a unit in focus, the groups are its sub-units (each with its own
sub-units) and its own staff (those directly in it). Without one, the focus is
the scope's single top unit, or the groups are the scope's top units when it
has several. Choosing a group's unit drills down.
"""

from dataclasses import dataclass

from organisation.models import Unit

from .permissions import top_units


@dataclass(frozen=True)
class Group:
    unit: Unit
    own_staff: bool = False  # only the staff directly in `unit`, not in its sub-units

    @property
    def key(self) -> str:
        return f"{'own' if self.own_staff else 'unit'}-{self.unit.pk}"


@dataclass
class Breakdown:
    focus: Unit | None
    groups: list[Group]
    units: dict[int, Unit]  # every unit of the breakdown by id

    def group_index(self, unit_id: int) -> int | None:
        """Which group a unit's staff belong to, or None if the unit is outside the breakdown."""
        unit = self.units.get(unit_id)
        if unit is None:
            return None
        return self._index_by_path(unit.path)

    def _index_by_path(self, path: str) -> int | None:
        if self.focus is not None:
            if path == self.focus.path:
                return self._own
            child = path[len(self.focus.path) :].split("/", 1)[0]
            return self._children.get(child)
        for i, group in enumerate(self.groups):
            if path.startswith(group.unit.path):
                return i
        return None

    def __post_init__(self) -> None:
        self._own = next((i for i, g in enumerate(self.groups) if g.own_staff), None)
        self._children = {str(g.unit.pk): i for i, g in enumerate(self.groups) if not g.own_staff}
        self._cache: dict[int, int | None] = {}

    def group_indexes(self) -> dict[int, int | None]:
        """unit id -> group index for every unit, computed once."""
        if not self._cache:
            self._cache = {pk: self._index_by_path(u.path) for pk, u in self.units.items()}
        return self._cache


def breakdown(scope_units: list[Unit], focus: Unit | None = None) -> Breakdown:
    """The groups to show for a scope (its units, ordered by path) and an optional unit in focus."""
    if focus is None:
        tops = top_units(scope_units)
        if len(tops) != 1:
            return Breakdown(None, [Group(u) for u in tops], {u.pk: u for u in scope_units})
        focus = tops[0]
    units = {u.pk: u for u in scope_units if u.path.startswith(focus.path)}
    groups = sorted((Group(u) for u in units.values() if u.parent_id == focus.pk), key=lambda g: g.unit.name)
    groups.append(Group(focus, own_staff=True))
    return Breakdown(focus, groups, units)
