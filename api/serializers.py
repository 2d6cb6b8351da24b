"""What the API reads (…In) and writes (…Out); separate, so each side says exactly what it does."""

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.models import AbsencePeriod, Case, CaseMilestone
from organisation.models import Employee, Unit

# The largest id the database holds (a 64-bit integer); a larger one is refused, not sent to the database.
MAX_ID = 2**63 - 1

# Kinds the API registers: sick notes and time off. Self-certifications go through the employee's own page.
API_PERIOD_KINDS = [(k.value, k.label) for k in AbsencePeriod.Kind if k != AbsencePeriod.Kind.EGENMELDING]


class ErrorOut(serializers.Serializer):
    code = serializers.CharField(help_text="A stable code, e.g. `not_found`, `invalid`, `overlap`.")
    detail = serializers.CharField(help_text="What went wrong, in the request's language (Accept-Language).")
    field = serializers.CharField(required=False, help_text="The field a refused rule concerns, if one.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For `invalid`: the messages by field.",
    )


# Organisation ---------------------------------------------------------------


class UnitBriefOut(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "name"]


class UnitOut(serializers.ModelSerializer):
    path = serializers.SerializerMethodField(help_text='The unit\'s names from the top, e.g. "Drift / Renhold".')

    class Meta:
        model = Unit
        fields = ["id", "name", "parent", "path"]

    def get_path(self, unit: Unit) -> str:
        names = self.context.get("unit_names", {})
        return " / ".join(names.get(int(pk), "?") for pk in unit.path.strip("/").split("/") if pk)


class PersonOut(serializers.ModelSerializer):
    name = serializers.CharField(source="full_name")

    class Meta:
        model = Employee
        fields = ["id", "employee_number", "name"]


class EmployeeOut(serializers.ModelSerializer):
    unit = UnitBriefOut()
    manager = PersonOut(allow_null=True)
    position_percentage = serializers.DecimalField(max_digits=5, decimal_places=2, coerce_to_string=False)
    active = serializers.SerializerMethodField(help_text="Employed today.")

    class Meta:
        model = Employee
        fields = [
            "id",
            "employee_number",
            "first_name",
            "last_name",
            "email",
            "unit",
            "manager",
            "employment_start",
            "employment_end",
            "position_percentage",
            "preferred_language",
            "active",
        ]

    def get_active(self, employee: Employee) -> bool:
        return employee.employment_end is None or employee.employment_end >= timezone.localdate()


class EmployeeFilterIn(serializers.Serializer):
    unit = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="Only employees of this unit and the units below it."
    )
    q = serializers.CharField(required=False, max_length=100, help_text="Part of the name, or the employee number.")
    active = serializers.ChoiceField(
        choices=["true", "false"], required=False, help_text="true: employed today; false: left."
    )


# Cases ----------------------------------------------------------------------


class MilestoneOut(serializers.ModelSerializer):
    title = serializers.SerializerMethodField()
    legal_basis = serializers.SerializerMethodField()
    state = serializers.SerializerMethodField()

    class Meta:
        model = CaseMilestone
        fields = ["key", "title", "legal_basis", "due", "state", "applies", "statutory", "reason", "completed_at"]

    def _engine(self, milestone: CaseMilestone):
        return milestone.as_engine_milestone()

    def get_title(self, milestone: CaseMilestone) -> str:
        engine = self._engine(milestone)
        return engine.title(translation.get_language() or "nb") if engine else milestone.key

    def get_legal_basis(self, milestone: CaseMilestone) -> str:
        engine = self._engine(milestone)
        return engine.legal_basis(translation.get_language() or "nb") if engine else ""

    @extend_schema_field(serializers.ChoiceField(choices=CaseMilestone.State.choices))
    def get_state(self, milestone: CaseMilestone) -> str:
        return milestone.state(timezone.localdate())


class PeriodOut(serializers.ModelSerializer):
    case = serializers.SerializerMethodField(help_text="The case the period belongs to now, if any.")

    class Meta:
        model = AbsencePeriod
        fields = ["id", "employee", "kind", "start", "end", "grade", "source", "case"]

    def get_case(self, period: AbsencePeriod) -> int | None:
        case = (
            Case.objects.current()
            .filter(employee_id=period.employee_id, start__lte=period.end, end__gte=period.start)
            .values_list("pk", flat=True)
            .first()
        )
        return case


class CaseOut(serializers.ModelSerializer):
    employee = PersonOut()
    day = serializers.SerializerMethodField(help_text="Day number of the case today (day 1 is the first day).")
    max_date = serializers.DateField(allow_null=True, help_text="NAV's max date if given, else the estimate.")
    milestones = MilestoneOut(many=True)
    warnings = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = Case
        fields = [
            "id",
            "employee",
            "status",
            "start",
            "end",
            "day",
            "sick_days",
            "employer_period_end",
            "max_date",
            "max_date_estimate",
            "max_date_from_nav",
            "dm2_date",
            "warnings",
            "milestones",
        ]

    def get_day(self, case: Case) -> int:
        return case.day_number(timezone.localdate())


class CaseDetailOut(CaseOut):
    periods = serializers.SerializerMethodField()

    class Meta(CaseOut.Meta):
        fields = [*CaseOut.Meta.fields, "periods"]

    def get_periods(self, case: Case) -> list[dict]:
        periods = case.employee.absence_periods.filter(start__lte=case.end, end__gte=case.start)
        return PeriodBriefOut(periods, many=True).data


class PeriodBriefOut(serializers.ModelSerializer):
    class Meta:
        model = AbsencePeriod
        fields = ["id", "kind", "start", "end", "grade", "source"]


class CaseFilterIn(serializers.Serializer):
    status = serializers.ChoiceField(choices=[Case.Status.OPEN, Case.Status.CLOSED], required=False)
    employee = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    unit = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text="Only cases of employees in this unit and the units below it.",
    )


# Periods --------------------------------------------------------------------


def _check_dates(data: dict) -> dict:
    start, end = data.get("start"), data.get("end")
    if start and end and end < start:
        raise serializers.ValidationError({"end": [_("The end date is before the start date.")]})
    return data


class PeriodIn(serializers.Serializer):
    employee = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="The employee's id.")
    kind = serializers.ChoiceField(choices=API_PERIOD_KINDS, default=AbsencePeriod.Kind.SICK)
    start = serializers.DateField()
    end = serializers.DateField()
    grade = serializers.IntegerField(
        min_value=0, max_value=100, default=100, help_text="Sick notes: 100, 20–99 for graded, 0 for full activity."
    )

    def validate(self, data):
        return _check_dates(data)


class PeriodChangeIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=API_PERIOD_KINDS, required=False)
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)
    grade = serializers.IntegerField(min_value=0, max_value=100, required=False)

    def validate(self, data):
        return _check_dates(data)
