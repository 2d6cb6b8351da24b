"""The organisation's units as the import sees them: by name and path, with the ones it will create."""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from organisation.models import Unit

from .parsing import Issue, Row

# Unit.path ("/1/4/9/") holds 255 characters: enough for this many levels with any ids.
MAX_UNIT_DEPTH = 12


@dataclass
class UnitNode:
    """A unit that exists, or that the import will create."""

    name: str
    parent: "UnitNode | None"
    unit: Unit | None = None

    @property
    def is_new(self) -> bool:
        return self.unit is None

    @property
    def names(self) -> list[str]:
        return [*(self.parent.names if self.parent else []), self.name]

    @property
    def label(self) -> str:
        return " / ".join(self.names)

    @property
    def depth(self) -> int:
        return len(self.names)


class UnitTree:
    """The organisation's units by name, with the ones the import plans to create."""

    def __init__(self, units: list[Unit]):
        self.nodes: list[UnitNode] = []
        self._children: dict[int | None, dict[str, UnitNode]] = defaultdict(dict)
        self._by_name: dict[str, list[UnitNode]] = defaultdict(list)
        self.by_pk: dict[int, UnitNode] = {}
        # Parents before children: a path has one more "/" per level.
        for unit in sorted(units, key=lambda u: (u.path.count("/"), u.path)):
            parent = self.by_pk.get(unit.parent_id)
            self.by_pk[unit.pk] = self._add(UnitNode(unit.name, parent, unit))

    def _add(self, node: UnitNode) -> UnitNode:
        self.nodes.append(node)
        self._children[id(node.parent) if node.parent else None][_key(node.name)] = node
        self._by_name[_key(node.name)].append(node)
        return node

    def child(self, parent: UnitNode | None, name: str, *, create: bool) -> UnitNode | None:
        found = self._children[id(parent) if parent else None].get(_key(name))
        if found is None and create:
            found = self._add(UnitNode(name, parent))
        return found

    def roots(self) -> list[UnitNode]:
        return list(self._children[None].values())

    def named(self, name: str) -> list[UnitNode]:
        return self._by_name.get(_key(name), [])

    def new_nodes(self) -> list[UnitNode]:
        return sorted((n for n in self.nodes if n.is_new), key=lambda n: n.depth)

    def resolve_path(self, text: str) -> UnitNode:
        """A path from the top ("Drift/Renhold"); the top unit's own name may be left out."""
        segments = [s.strip() for s in text.split("/") if s.strip()]
        if not segments:
            raise LookupError(_("The unit is empty."))
        if any(len(s) > 200 for s in segments):
            raise LookupError(_("A unit name is longer than 200 characters."))
        roots = self.roots()
        node = self.child(None, segments[0], create=False)
        if node is not None:
            segments = segments[1:]
        elif len(roots) == 1:
            node = roots[0]
        elif roots:
            raise LookupError(
                _("No top unit is called %(name)s; start the path with one of: %(names)s.")
                % {"name": segments[0], "names": ", ".join(sorted(r.name for r in roots))}
            )
        if (node.depth if node else 0) + len(segments) > MAX_UNIT_DEPTH:
            raise LookupError(_("The unit path is deeper than %(depth)d levels.") % {"depth": MAX_UNIT_DEPTH})
        for segment in segments:
            node = self.child(node, segment, create=True)
        return node

    def resolve_name(self, name: str) -> UnitNode:
        found = self.named(name)
        if len(found) == 1:
            return found[0]
        if not found:
            raise LookupError(
                _(
                    "Unknown unit %(name)s. Give its path (e.g. Drift/%(name)s) or its parent_unit, "
                    "and it will be created."
                )
                % {"name": name}
            )
        raise LookupError(
            _("There are %(count)d units called %(name)s; give the path, e.g. %(path)s.")
            % {"count": len(found), "name": name, "path": "/".join(found[0].names)}
        )


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def resolve_unit(row: Row, tree: UnitTree) -> tuple[UnitNode | None, Issue | None]:
    """The row's unit (created in the tree if the file asks for it), or the problem with it."""
    unit, parent = row.get("unit"), row.get("parent_unit")
    if not unit:
        return None, Issue(row.line, "unit", _("%(column)s is empty.") % {"column": "unit"})
    try:
        if "/" in unit:
            return tree.resolve_path(unit), None
        elif parent:
            try:
                above = tree.resolve_path(parent) if "/" in parent else tree.resolve_name(parent)
            except LookupError as error:
                return None, Issue(row.line, "parent_unit", str(error))
            if len(unit) > 200:
                raise LookupError(_("A unit name is longer than 200 characters."))
            if above.depth >= MAX_UNIT_DEPTH:
                raise LookupError(_("The unit path is deeper than %(depth)d levels.") % {"depth": MAX_UNIT_DEPTH})
            return tree.child(above, unit, create=True), None
        return tree.resolve_name(unit), None
    except LookupError as error:
        return None, Issue(row.line, "unit", str(error))
