from datetime import date

import factory
from django.contrib.auth import get_user_model

from organisation.models import Delegation, Employee, HRAccess, Organisation, Unit
from organisation.services import unit_save


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("secret-password-1")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["org_number"]

    name = "Testbedriften AS"
    org_number = "912345602"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Avdeling {n}")
    parent = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return unit_save(unit=model_class(*args, **kwargs))


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    organisation = factory.SubFactory(OrganisationFactory)
    unit = factory.SubFactory(UnitFactory, organisation=factory.SelfAttribute("..organisation"))
    employee_number = factory.Sequence(lambda n: f"{1000 + n}")
    first_name = factory.Sequence(lambda n: f"Fornavn{n}")
    last_name = "Nordmann"
    email = factory.LazyAttribute(lambda e: f"{e.first_name.lower()}@example.org")
    employment_start = date(2020, 1, 1)
    position_percentage = 100


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation


class HRAccessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HRAccess
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)

    @factory.post_generation
    def units(self, create, extracted, **kwargs):
        if create and extracted:
            self.units.set(extracted)
