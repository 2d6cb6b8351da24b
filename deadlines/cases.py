"""Follow-up cases (oppfølgingstilfeller) from sick blocks (R2–R4)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from deadlines.days import SickBlock

# R2: a case closes after this many consecutive non-sick calendar days.
CLOSING_GAP = 16


class CaseSpan(NamedTuple):
    """A case on day ordinals, with the indices of its first and last sick block."""

    start: int
    end: int
    sick_days: int
    first_block: int
    last_block: int


def build_cases(blocks: Sequence[SickBlock]) -> list[CaseSpan]:
    """Join sick blocks into cases.

    R2: 15 or fewer non-sick days join, 16 close the case. R3: holiday straight after
    sickness counts as sick for the case, extending `end` and `sick_days`, so only the
    days after it count toward the gap. R4: `end` is the last sick or attached holiday day.
    """
    cases: list[CaseSpan] = []
    first = 0
    sick_days = 0
    for i, block in enumerate(blocks):
        gap = block.gap_before  # None only for the first block
        if gap is not None and gap - blocks[i - 1].holiday_after >= CLOSING_GAP:
            cases.append(_span(blocks, first, i - 1, sick_days))
            first, sick_days = i, 0
        sick_days += block.end - block.start + 1 + block.holiday_after
    if blocks:
        cases.append(_span(blocks, first, len(blocks) - 1, sick_days))
    return cases


def _span(blocks: Sequence[SickBlock], first: int, last: int, sick_days: int) -> CaseSpan:
    end = blocks[last].end + blocks[last].holiday_after
    return CaseSpan(blocks[first].start, end, sick_days, first, last)
