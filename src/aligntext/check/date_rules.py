"""Rules for dates: a date changed, dropped, added, or stated with fewer parts.

Dates are paired with :func:`~aligntext.check.facts.match_facts` (equal on every part both
give); a day or year one side gives and the other does not state anywhere is a warning, two
left-over dates a substitution (an error), and a month adjective left over (``апрельских
боёв``, "the April fighting") is only noted.
"""

from __future__ import annotations

from aligntext.check.dates import date_parts, is_month_mention
from aligntext.check.facts import facts_match, match_facts, show_fact
from aligntext.check.findings import FindingCollector
from aligntext.check.number_values import strength, values_of
from aligntext.types import Fact


def _lost_parts(a: Fact, b: Fact, b_numbers: list[Fact], b_dates: list[Fact]) -> list[str]:
    """Day or year that date ``a`` gives, its matching date ``b`` lacks, and ``b``'s side
    does not state elsewhere either (as a number, or in another date: "March and May 2020")."""
    ya, _ma, da = date_parts(a)
    yb, _mb, db = date_parts(b)
    # A weak number ("bir il sonra", one year later: the article) states no day or year.
    values = {
        str(int(v))
        for f in b_numbers
        if strength(f) != "weak"
        for v in values_of(f)
        if v == v.to_integral_value()
    }
    values |= {date_parts(d)[0] for d in b_dates}
    lost = []
    # A day of a range or list gone too ("5-7 May" against "7 May").
    gone = da - db if db else da
    if gone and not {str(int(d)) for d in gone} & values:
        lost.append("day")
    if ya != "?" and yb == "?" and ya not in values:
        lost.append("year")
    return lost


def compare_dates(
    ctx: FindingCollector, sd: list[Fact], td: list[Fact], sn: list[Fact], tn: list[Fact]
) -> None:
    """Report the dates of source ``sd`` and target ``td`` that disagree or have no
    counterpart (the numbers ``sn`` / ``tn`` may state a year or day the other side dates)."""
    matched: dict[int, int] = {}
    ms, mt = match_facts(sd, td, matched)
    # Matched on the parts both give; a day or year dropped on one side is still worth a look.
    for i, j in matched.items():
        a, b = sd[i], td[j]
        lost, added = _lost_parts(a, b, tn, td), []
        if not lost:
            added = _lost_parts(b, a, sn, sd)
        if lost or added:
            what = f"no {' or '.join(lost)}" if lost else f"added {' and '.join(added)}"
            ctx.add(
                "date",
                "warning",
                f"date {show_fact(a)} in source; target has {show_fact(b)} ({what})",
                [a],
                [b],
            )
    us = [f for i, f in enumerate(sd) if i not in ms and not any(facts_match(f, o) for o in td)]
    ut = [f for j, f in enumerate(td) if j not in mt and not any(facts_match(f, o) for o in sd)]
    # "November 2020" against a bare "2020" on the other side: the parts both give agree.
    for side, other_numbers, where in ((us, tn, "target"), (ut, sn, "source")):
        for f in list(side):
            year, _month, days = date_parts(f)
            if days or year == "?":
                continue
            if any(str(int(v)) == year for n in other_numbers for v in values_of(n) if v % 1 == 0):
                side.remove(f)
                other = "source" if where == "target" else "target"
                ctx.add(
                    "date",
                    "info",
                    f"date {show_fact(f)} in {other}; {where} gives only the year {year}",
                    *(([f], []) if where == "target" else ([], [f])),
                )
    while us and ut:
        a, b = us.pop(0), ut.pop(0)
        ctx.add(
            "date", "error", f"date {show_fact(a)} in source; target has {show_fact(b)}", [a], [b]
        )
    # A month adjective left over is only noted: "the April fighting" is often rendered
    # without the month ("the four-day war").
    for a in us:
        sev = "info" if is_month_mention(a) else "warning"
        ctx.add("date", sev, f"date {show_fact(a)} in source has no counterpart in target", [a], [])
    for b in ut:
        sev = "info" if is_month_mention(b) else "warning"
        ctx.add("date", sev, f"date {show_fact(b)} in target has no counterpart in source", [], [b])


def compare_weekdays(ctx: FindingCollector, sw: list[Fact], tw: list[Fact]) -> None:
    """A weekday of the source where the target names another: the event moved to another
    day (a warning). A weekday on one side only says nothing: translators write "on Monday"
    as the date, or leave it out."""
    left_t = list(tw)
    left_s = []
    for a in sw:
        same = next((b for b in left_t if b.key == a.key), None)
        if same is None:
            left_s.append(a)
        else:
            left_t.remove(same)
    for a, b in zip(left_s, left_t, strict=False):
        ctx.add("date", "warning", f"weekday {a.text} in source; target has {b.text}", [a], [b])
