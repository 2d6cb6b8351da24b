"""The employer (virksomhet), its units, its employees and who manages whom."""

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from . import national_id as national_ids
from .validators import validate_org_number


class Organisation(models.Model):
    """The employer (virksomhet)."""

    name = models.CharField(_("name"), max_length=200)
    org_number = models.CharField(_("organisation number"), max_length=9, unique=True, validators=[validate_org_number])

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return f"{self.name} ({self.org_number})"


class UnitQuerySet(models.QuerySet):
    def subtree_of(self, units) -> "UnitQuerySet":
        """The given units and every unit below them."""
        q = Q(pk__in=[])
        for unit in units:
            q |= Q(path__startswith=unit.path)
        return self.filter(q)


class Unit(models.Model):
    """A department or section; units form a tree."""

    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="units", verbose_name=_("organisation"))
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent unit")
    )
    # Materialised path ("/1/4/9/"), kept by unit_save(), so a subtree is one query.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    business_number = models.CharField(
        _("business unit number (virksomhetsnummer)"),
        max_length=9,
        blank=True,
        db_index=True,
        validators=[validate_org_number],
        help_text=_(
            "The organisation number of the business unit (underenhet) in Brønnøysundregistrene; "
            "NAV's sick notes name it."
        ),
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "parent", "name"], name="unique_unit_name_per_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2


class EmployeeQuerySet(models.QuerySet):
    def active(self, on: date) -> "EmployeeQuerySet":
        return self.filter(Q(employment_end__isnull=True) | Q(employment_end__gte=on))


class Employee(models.Model):
    """A person employed by the organisation; may have a user account."""

    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="employees", verbose_name=_("organisation")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="employee",
        verbose_name=_("user account"),
    )
    employee_number = models.CharField(_("employee number"), max_length=30)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    # NAV needs a nearest manager's mobile number (esyfo-narmesteleder).
    mobile = models.CharField(_("mobile"), max_length=20, blank=True)
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="employees", verbose_name=_("unit"))
    manager = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("nearest manager"),
        help_text=_("The nearest manager (nærmeste leder) who follows the employee up."),
    )
    employment_start = models.DateField(_("employment start"))
    employment_end = models.DateField(_("employment end"), null=True, blank=True)
    position_percentage = models.DecimalField(
        _("position percentage"),
        max_digits=5,
        decimal_places=2,
        default=100,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="nb"
    )
    # The national identity number, encrypted; read and set it through `national_id`.
    national_id_encrypted = models.TextField(editable=False, blank=True, default="")
    national_id_hash = models.CharField(max_length=64, editable=False, blank=True, default="", db_index=True)

    objects = EmployeeQuerySet.as_manager()

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["last_name", "first_name"]
        # Issue 21: the API's employee list sorts by name; read in this order, a deep page needs no sort of all.
        indexes = [models.Index(fields=["last_name", "first_name", "id"], name="employee_name_order")]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "employee_number"], name="unique_employee_number_per_organisation"
            ),
            models.CheckConstraint(
                condition=Q(position_percentage__gt=0) & Q(position_percentage__lte=100),
                name="position_percentage_between_1_and_100",
            ),
            models.CheckConstraint(condition=~Q(manager=F("pk")), name="employee_not_own_manager"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def national_id(self) -> str:
        """The fødselsnummer or D-nummer in full: for HR's eyes and NAV's payloads only."""
        return national_ids.decrypt(self.national_id_encrypted)

    @national_id.setter
    def national_id(self, value: str) -> None:
        value = national_ids.normalise(value or "")
        self.national_id_encrypted = national_ids.encrypt(value)
        self.national_id_hash = national_ids.lookup_hash(value)

    @property
    def national_id_masked(self) -> str:
        return national_ids.mask(self.national_id) if self.national_id_encrypted else ""


class DelegationQuerySet(models.QuerySet):
    def active(self, on: date) -> "DelegationQuerySet":
        return self.filter(starts_on__lte=on, ends_on__gte=on)


class Delegation(models.Model):
    """An acting manager (stedfortreder) who follows up a manager's staff for a period."""

    manager = models.ForeignKey(Employee, models.CASCADE, related_name="delegations_given", verbose_name=_("manager"))
    acting_manager = models.ForeignKey(
        Employee, models.CASCADE, related_name="delegations_received", verbose_name=_("acting manager")
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DelegationQuerySet.as_manager()

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="delegation_ends_after_start"),
            models.CheckConstraint(condition=~Q(acting_manager=F("manager")), name="delegation_to_someone_else"),
        ]

    def __str__(self) -> str:
        return f"{self.manager} → {self.acting_manager} ({self.starts_on} – {self.ends_on})"


class HRAccess(models.Model):
    """Gives a user the HR role for the whole organisation or some units (with their sub-units)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="hr_access", verbose_name=_("user"))
    organisation = models.ForeignKey(Organisation, models.CASCADE, verbose_name=_("organisation"))
    whole_organisation = models.BooleanField(_("whole organisation"), default=False)
    units = models.ManyToManyField(Unit, blank=True, verbose_name=_("units"))

    class Meta:
        verbose_name = _("HR access")
        verbose_name_plural = _("HR access")

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"
