"""Demo absence cases at every stage of the timeline, relative to today.

Returns the cases that the apps above cases add to (plans), by a name saying
what the demo shows; `sykefravaer/demo.py` builds those on top.
"""

from datetime import date, timedelta

from django.contrib.auth import get_user_model

from organisation.models import Employee, Organisation

from . import services
from .models import Case, Conversation


def load_demo_cases(*, organisation: Organisation, today: date) -> dict[str, Case]:
    leader = get_user_model().objects.get(username="leder")
    staff = {e.full_name: e for e in Employee.objects.filter(organisation=organisation).select_related("manager")}
    team = [
        e
        for e in staff.values()
        if e.manager and e.manager.full_name == "Kari Solberg" and e.full_name not in {"Ola Hansen", "Sara Ahmed"}
    ]
    others = [
        e
        for e in staff.values()
        if e.manager
        and e.manager.full_name in {"Rune Bråten", "Elin Fossum", "Anders Myhre"}
        and e.full_name != "Ingrid Berg"
    ]

    def days(n: int) -> date:
        return today + timedelta(days=n)

    def register(employee, *periods, by=leader):
        for kind, start, end, grade in periods:
            services.period_register(employee=employee, kind=kind, start=start, end=end, grade=grade, by=by)
        return employee.cases.current().order_by("-start").first()

    def talk(case, held_on: date, **fields):
        defaults = {
            "kind": Conversation.Kind.FIRST,
            "expected_duration": "2–3 uker",
            "work_ability": "Kan ikke stå lenge eller løfte. Kan gjøre lettere kontorarbeid noen timer.",
            "tasks_to_cover": "Vaktliste og kundehenvendelser fordeles i teamet.",
            "adjustments": "Vurderer kortere dager og kontorarbeid ved gradert sykmelding.",
            "trusted_person_informed": True,
            "next_conversation_on": held_on + timedelta(days=14),
        }
        services.conversation_record(case=case, by=leader, held_on=held_on, **{**defaults, **fields})

    # Ola Hansen (the demo employee): egenmelding, then a sick note; plan due in a week.
    ola = staff["Ola Hansen"]
    case = register(ola, ("egenmelding", days(-20), days(-18), 100), ("sick", days(-17), days(14), 100))
    talk(case, days(-16))

    # Day 2: just reported sick; the first conversation is due in three days.
    register(team[0], ("egenmelding", days(-1), days(1), 100), ("sick", days(2), days(12), 100))
    # Week 7: the plan is overdue, dialogue meeting 1 is due soon.
    plan_draft_overdue = register(team[1], ("sick", days(-45), days(30), 100))
    talk(plan_draft_overdue, days(-42))
    # Graded from week 3: dialogue meeting 1 is optional, the plan may be obviously unnecessary.
    case = register(team[2], ("sick", days(-60), days(-40), 100), ("sick", days(-39), days(45), 50))
    talk(case, days(-57), expected_duration="Lengre tid, gradvis tilbake")
    services.milestone_not_required(
        case=case,
        key="followup_plan",
        by=leader,
        reason="Åpenbart unødvendig: tilbake 50 % i egne oppgaver med tilrettelagt arbeidstid, avtalt med den ansatte.",
    )
    # Back at work a week ago, with holiday straight after the sick note.
    plan_completed = register(team[3], ("sick", days(-30), days(-12), 100), ("holiday", days(-11), days(-7), 100))
    talk(plan_completed, days(-27), expected_duration="3 uker")
    # First conversation overdue.
    register(team[4], ("egenmelding", days(-9), days(-7), 100), ("sick", days(-6), days(20), 100))

    # Other teams (their managers have no log-in in the demo): long-term cases for HR's overview.
    register(others[0], ("sick", days(-170), days(40), 100), by=None)  # NAV's dialogue meeting 2 ahead
    register(others[1], ("sick", days(-320), days(60), 100), by=None)  # near the max date
    register(others[2], ("sick", days(-118), days(20), 60), by=None)  # NAV asks about a meeting now
    register(others[3], ("sick", days(-12), days(10), 100), by=None)
    register(others[4], ("sick", days(-200), days(-150), 100), by=None)  # closed case
    register(others[5], ("egenmelding", days(-100), days(-98), 100), by=None)  # short, closed
    # For the apps above cases: a draft plan, overdue; a plan completed by the manager, with the reason recorded.
    return {"plan_draft_overdue": plan_draft_overdue, "plan_completed": plan_completed}
