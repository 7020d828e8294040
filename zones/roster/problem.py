"""The roster problem as the models see it, and a solution to it.

:class:`Problem` derives from the staff and the rules what every step of the solve needs: the
days each officer can work, the officers counted for fairness, their leave credit, an upper
bound on their duty days, where their reward-leave blocks may go, and the cost of a shortage.
:class:`Solution` is a roster in day positions, as the steps return it.
"""

from __future__ import annotations

from dataclasses import dataclass

from zones.roster.rules import Rules
from zones.roster.shortages import Shortfall
from zones.roster.staff import Staff


@dataclass
class Solution:
    """A roster: who holds which role on which day, reward leave, and what is missing."""

    duty: dict[tuple[int, int], str]  # (officer, day) -> role
    reward: set[tuple[int, int]]  # (officer, day) on reward leave
    short: dict[tuple[int, str, bool], int]  # (day, role, sworn) -> missing
    short_cost: int
    status: str
    proven: bool
    stopped_by: str

    def shortages(self) -> list[Shortfall]:
        """The unfilled needs as (day, role, missing, sworn)."""
        return [(d, r, n, s) for (d, r, s), n in sorted(self.short.items()) if n > 0]


class Problem:
    """What the models need to know about the officers under the rules.

    Attributes
    ----------
    workable
        Day positions each officer can work (available, not on leave).
    reward_taken
        Reward-leave days each officer takes in the period (what is owed, as far as free days
        allow).
    fair
        Officers counted in the fairness figures: some day left to work after reward leave.
    credit, role_credit
        Duty days credited for leave (per officer; per officer and role).
    caps
        An upper bound on each counted officer's duty days.
    block_starts, suggested
        Where each reward-leave block may start, and a start that staggers the blocks.
    short_unit
        The cost of one missing officer, above any sum of the role premiums.
    """

    def __init__(self, staff: Staff, rules: Rules) -> None:
        self.staff = staff
        self.rules = rules
        n = len(staff.ids)
        self.workable = [staff.workable(i, rules.days) for i in range(n)]
        self.reward_taken = [min(staff.reward_owed[i], len(self.workable[i])) for i in range(n)]
        self.fair = [i for i in range(n) if len(self.workable[i]) > self.reward_taken[i]]
        slots = sum(rules.pattern.values())
        n_fair = max(len(self.fair), 1)
        away = {i: len(staff.leave[i]) for i in self.fair}
        self.credit = {i: round(away[i] * slots / n_fair) for i in self.fair}
        self.role_credit = {
            (i, r): round(away[i] * rules.pattern[r] / n_fair)
            for i in self.fair
            for r in rules.roles
        }
        self.caps = {i: self._capacity(i) for i in self.fair}
        self.block_starts: dict[int, list[int]] = {}
        self.suggested: dict[int, int] = {}
        self._place_reward_blocks()
        # shortage cost: fewest missing first, then leave later roles of the pattern empty
        most = rules.days * (slots + sum(rules.sworn.values()))
        self.short_unit = len(rules.roles) * most + 1

    def _place_reward_blocks(self) -> None:
        """Where each reward-leave block may start, and a suggestion that staggers them."""
        days = self.rules.days
        offset = 0
        for i in self.fair:
            k = self.reward_taken[i]
            if k == 0:
                continue
            free = set(self.workable[i])
            starts = [s for s in range(days - k + 1) if all(s + j in free for j in range(k))]
            self.block_starts[i] = starts
            if starts:
                wanted = offset % (days - k + 1)
                self.suggested[i] = min(starts, key=lambda s: (abs(s - wanted), s))
                offset += k

    def short_weight(self, role: str, sworn: bool) -> int:
        """Cost of one missing officer: the unit, plus a premium for earlier roles."""
        if sworn:
            return self.short_unit
        return self.short_unit + len(self.rules.roles) - self.rules.roles.index(role)

    def _capacity(self, i: int) -> int:
        """An upper bound on officer ``i``'s duty days under leave, rest rules and head days."""
        rules = self.rules
        days = set(self.workable[i])
        caps = [len(days) - self.reward_taken[i]]
        for span, most in rules.rest_windows:
            # disjoint windows of `span` days, at every alignment: each holds at most `most`
            for offset in range(min(span, rules.days)):
                total = sum(1 for d in days if d < offset)
                for begin in range(offset, rules.days, span):
                    inside = sum(1 for d in range(begin, begin + span) if d in days)
                    total += min(inside, most) if begin + span <= rules.days else inside
                caps.append(total)
        if i in self.staff.heads:
            total = 0
            for begin in range(0, rules.days, 7):
                length, need = rules.head_need(begin)
                inside = sum(1 for d in range(begin, begin + length) if d in days)
                total += min(inside, length - need)
            caps.append(total)
        return max(min(caps), 0)

    def classes(self) -> list[list[int]]:
        """Counted officers that the counts model cannot tell apart."""
        classes: dict[tuple, list[int]] = {}
        for i in self.fair:
            key = (
                self.staff.kinds[i],
                self.caps[i],
                self.credit[i],
                tuple(self.role_credit[i, r] for r in self.rules.roles),
            )
            classes.setdefault(key, []).append(i)
        return list(classes.values())
