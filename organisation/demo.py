"""A realistic demo organisation, relative to today. Only for demo and development.

The top of the demo is `sykefravaer/demo.py`, which adds every other app's demo data.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model

from .models import Delegation, Employee, HRAccess, Organisation, Unit
from .services import unit_save

DEMO_PASSWORD = "demo"
DEMO_ORG_NUMBER = "912345602"

FIRST_NAMES = [
    "Ola",
    "Kari",
    "Per",
    "Ingrid",
    "Lars",
    "Anne",
    "Jon",
    "Marit",
    "Erik",
    "Silje",
    "Kjetil",
    "Hanne",
    "Magnus",
    "Nora",
    "Sindre",
    "Ida",
    "Håkon",
    "Tone",
    "Øyvind",
    "Ragnhild",
    "Eirik",
    "Line",
    "Trond",
    "Sofie",
    "Bjørn",
    "Maja",
    "Geir",
    "Camilla",
    "Arne",
    "Åse",
    "Henrik",
    "Guro",
    "Stian",
    "Vilde",
    "Espen",
    "Tuva",
    "Knut",
    "Heidi",
    "Sigurd",
    "Liv",
]
LAST_NAMES = [
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Jensen",
    "Karlsen",
    "Johnsen",
    "Pettersen",
    "Eriksen",
    "Berg",
    "Haugen",
    "Hagen",
    "Johannessen",
    "Andreassen",
    "Jacobsen",
    "Dahl",
    "Jørgensen",
    "Halvorsen",
    "Henriksen",
    "Lund",
    "Sørensen",
    "Jakobsen",
    "Moen",
    "Gundersen",
    "Iversen",
    "Strand",
    "Solberg",
    "Svendsen",
    "Eide",
    "Knutsen",
    "Martinsen",
    "Paulsen",
    "Bakken",
    "Kristoffersen",
    "Mathisen",
    "Lie",
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    name: str


DEMO_LOGINS = [
    DemoLogin("leder", "manager", "Kari Solberg"),
    DemoLogin("hr", "HR", "Ingrid Berg"),
    DemoLogin("ansatt", "employee", "Ola Hansen"),
    DemoLogin("sara", "employee", "Sara Ahmed (new: under 2 months)"),
    DemoLogin("admin", "administrator", "–"),
]


def demo_loaded() -> bool:
    return Organisation.objects.filter(org_number=DEMO_ORG_NUMBER).exists()


def load_demo_organisation(*, today: date, seed: int = 2026) -> Organisation:
    """Create the demo organisation: units, 40+ employees, managers, HR and the demo log-ins.

    The whole demo, with cases and everything built on them, is `sykefravaer.demo.load_demo`.
    """
    rng = random.Random(seed)
    User = get_user_model()
    org = Organisation.objects.create(name="Nordlys Eiendom AS", org_number=DEMO_ORG_NUMBER)

    def unit(name: str, parent: Unit | None = None) -> Unit:
        return unit_save(unit=Unit(organisation=org, name=name, parent=parent))

    root = unit("Nordlys Eiendom AS")
    operations = unit("Drift", root)
    caretakers = unit("Vaktmestertjenesten", operations)
    cleaning = unit("Renhold", operations)
    customer = unit("Kundeservice", root)
    admin_unit = unit("Økonomi og administrasjon", root)

    numbers = iter(range(1001, 2000))
    named = {
        ("Tor", "Vik"),
        ("Mona", "Aasen"),
        ("Rune", "Bråten"),
        ("Elin", "Fossum"),
        ("Kari", "Solberg"),
        ("Anders", "Myhre"),
        ("Ingrid", "Berg"),
        ("Ola", "Hansen"),
        ("Sara", "Ahmed"),
    }
    pairs = zip(FIRST_NAMES, LAST_NAMES[5:] + LAST_NAMES[:5], strict=True)
    names = iter(pair for pair in pairs if pair not in named)

    def employee(
        unit: Unit,
        manager: Employee | None,
        *,
        first: str | None = None,
        last: str | None = None,
        started: date | None = None,
        percentage: int = 100,
        language: str = "nb",
    ) -> Employee:
        if first is None:
            first, last = next(names)
        start = started or today - timedelta(days=rng.randint(400, 20 * 365))
        username = f"{first}.{last}".lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
        return Employee.objects.create(
            organisation=org,
            unit=unit,
            manager=manager,
            employee_number=str(next(numbers)),
            first_name=first,
            last_name=last,
            email=f"{username}@nordlys.example",
            employment_start=start,
            position_percentage=percentage,
            preferred_language=language,
        )

    ceo = employee(root, None, first="Tor", last="Vik")
    ops_head = employee(operations, ceo, first="Mona", last="Aasen")
    caretaker_lead = employee(caretakers, ops_head, first="Rune", last="Bråten")
    cleaning_lead = employee(cleaning, ops_head, first="Elin", last="Fossum")
    leder = employee(customer, ceo, first="Kari", last="Solberg")
    admin_lead = employee(admin_unit, ceo, first="Anders", last="Myhre")
    hr_person = employee(admin_unit, admin_lead, first="Ingrid", last="Berg")
    ansatt = employee(customer, leder, first="Ola", last="Hansen", started=today - timedelta(days=6 * 365))

    teams = [
        (customer, leder, 10),
        (caretakers, caretaker_lead, 8),
        (cleaning, cleaning_lead, 10),
        (admin_unit, admin_lead, 7),
    ]
    for team_unit, manager, size in teams:
        for _ in range(size):
            percentage = rng.choice([100, 100, 100, 80, 60, 50])
            employee(team_unit, manager, percentage=percentage, language=rng.choice(["nb"] * 5 + ["en"]))
    # A recent hire, so the two-month rule for self-certification shows up.
    employee(customer, leder, first="Sara", last="Ahmed", started=today - timedelta(days=30), language="en")

    # The head of operations is away in a few weeks; the customer service manager acts for her.
    Delegation.objects.create(
        manager=ops_head, acting_manager=leder, starts_on=today + timedelta(days=21), ends_on=today + timedelta(days=35)
    )

    def login(username: str, person: Employee | None, **extra) -> None:
        user = User.objects.create_user(
            username=username,
            password=DEMO_PASSWORD,
            email=person.email if person else f"{username}@nordlys.example",
            **extra,
        )
        if person is not None:
            person.user = user
            person.save(update_fields=["user"])

    login("leder", leder)
    login("hr", hr_person)
    login("ansatt", ansatt)
    login("admin", None, is_staff=True, is_superuser=True)
    hr_user = User.objects.get(username="hr")
    HRAccess.objects.create(user=hr_user, organisation=org, whole_organisation=True)

    return org
