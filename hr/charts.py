"""Chart geometry for inline SVG, drawn on the server: no script, no CDN, readable without colour.

Each chart has a <title> and a description, and the page shows a table of the
same figures under it. The templates are templates/hr/includes/chart_*.html.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.formats import number_format

if TYPE_CHECKING:
    from .statistics import Cell, Period


def nice_ceiling(value: float) -> float:
    """A round axis maximum at or above value: 1, 2, 2.5, 5 or 10 times a power of ten."""
    if value <= 0:
        return 5.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power  # pragma: no cover


def percent(value: float | None) -> str:
    return "–" if value is None else f"{number_format(value, 1)} %"


def ticks(top: float) -> list[float]:
    """Round axis ticks from 0 to a `nice_ceiling` value: 0, 1, 2 … 5 or 0, 0.5 … 2."""
    mantissa = top / 10 ** math.floor(math.log10(top))
    divisions = 4 if mantissa == 2 else 5
    return [top * i / divisions for i in range(divisions + 1)]


def _tick_label(value: float) -> str:
    digits = 0 if value == int(value) else 1 if round(value, 1) == round(value, 6) else 2
    return f"{number_format(value, digits)} %"


@dataclass
class Bar:
    label: str
    title: str
    x: float
    width: float
    parts: list[dict] = field(default_factory=list)  # {"y", "height", "css"} bottom to top
    value: str = ""
    value_y: float = 0
    suppressed: bool = False
    protected: bool = False
    partial: bool = False  # the period is not over yet: figures so far, drawn open


@dataclass
class Chart:
    width: int
    height: int
    plot_left: int
    plot_top: int
    plot_width: int
    plot_height: int
    grid: list[dict]
    bars: list[Bar]


def trend(
    months: list[Period],
    cells: list[Cell],
    labels: list[str],
    *,
    self_label: str,
    doctor_label: str,
    partial_label: str = "",
) -> Chart:
    """Monthly sick-leave rate as stacked columns: self-certified at the bottom, doctor-certified on top.

    A month not over yet (the current one) is marked partial: drawn open, its title says "so far".
    """
    width, height = 760, 280
    left, top, right, bottom = 48, 16, 12, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = nice_ceiling(max((c.rate or 0) for c in cells) if cells else 0)
    slot = plot_w / max(len(cells), 1)
    bars = []
    for i, (cell, label) in enumerate(zip(cells, labels, strict=True)):
        x = left + i * slot + slot * 0.15
        partial = i < len(months) and months[i].partial
        bar = Bar(
            label=label,
            title="",
            x=round(x, 1),
            width=round(slot * 0.7, 1),
            suppressed=cell.suppressed,
            partial=partial,
        )
        if cell.suppressed:
            bar.value, bar.value_y = "", top + plot_h - 4
        else:
            y = top + plot_h
            for part, css in (("self", "bar-self"), ("doctor", "bar-doctor")):
                h = (cell.rate_of(part) or 0) / top_value * plot_h
                y -= h
                bar.parts.append({"y": round(y, 1), "height": round(h, 1), "css": css})
            bar.value = percent(cell.rate)
            bar.value_y = round(y - 4, 1)
            bar.title = (
                f"{label}: {bar.value} ({self_label} {percent(cell.rate_of('self'))}, "
                f"{doctor_label} {percent(cell.rate_of('doctor'))})"
            )
            if partial and partial_label:
                bar.title += f" – {partial_label}"
        bars.append(bar)
    grid = [{"y": round(top + plot_h - plot_h * t / top_value, 1), "label": _tick_label(t)} for t in ticks(top_value)]
    return Chart(width, height, left, top, plot_w, plot_h, grid, bars)


def by_group(cells: list[Cell], labels: list[str]) -> Chart:
    """The rate of each group as horizontal bars, short-term and long-term absence side by side in one bar."""
    row_h, left, right, top = 30, 220, 70, 8
    width = 760
    height = top + row_h * max(len(cells), 1) + 24  # room for the axis labels below
    plot_w = width - left - right
    top_value = nice_ceiling(max(((c.rate or 0) for c in cells), default=0))
    bars = []
    for i, (cell, label) in enumerate(zip(cells, labels, strict=True)):
        y = top + i * row_h + 6
        bar = Bar(
            label=label, title="", x=left, width=0, suppressed=cell.suppressed, protected=cell.protected, value_y=y + 13
        )
        if not cell.suppressed:
            x = left
            for part, css in (("short", "bar-short"), ("long", "bar-long")):
                w = (cell.rate_of(part) or 0) / top_value * plot_w
                bar.parts.append({"x": round(x, 1), "y": y, "width": round(w, 1), "height": row_h - 12, "css": css})
                x += w
            bar.width = round(x - left, 1)
            bar.value = percent(cell.rate)
        bars.append(bar)
    grid = [{"x": round(left + plot_w * t / top_value, 1), "label": _tick_label(t)} for t in ticks(top_value)]
    return Chart(width, height, left, top, plot_w, row_h * max(len(cells), 1), grid, bars)
