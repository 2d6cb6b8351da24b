"""The engine's egenmelding decision in plain words, in the active language."""

from dataclasses import asdict, dataclass
from datetime import date, timedelta

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

import deadlines
from deadlines import EgenmeldingReason as R

from .models import EgenmeldingPolicy, Withdrawal


def language() -> str:
    return deadlines.Lang.of(translation.get_language() or "nb").value


def day(value: date) -> str:
    """A date as the engine's sentences write it ("5. mars 2026", "5 March 2026")."""
    return deadlines.format_date(value, language())


@dataclass(frozen=True)
class DecisionText:
    status: str  # "ok", "capped" or "refused": also given as text, never by colour alone
    reason: str
    headline: str
    explanation: str
    advice: str
    legal_basis: str
    choice_label: str  # for "submit only the allowed days", when capped
    days_allowed: int
    last_day_allowed: str | None
    first_doctor_day: str | None
    occasions_12m: int

    @property
    def message(self) -> str:
        """One paragraph: what the rules say about this absence, and what to do."""
        return f"{self.headline}. {self.explanation} {self.advice}".strip()

    def as_json(self) -> dict:
        return {**asdict(self), "message": self.message}


def decision_text(decision: deadlines.EgenmeldingDecision, *, withdrawal: Withdrawal | None = None) -> DecisionText:
    lang = language()
    reason = decision.reason
    last = decision.last_day_allowed
    first_doctor_day = last + timedelta(days=1) if reason is R.CAPPED and last else None
    choice_label = ""
    if reason is R.OK:
        status = "ok"
        advice = ngettext(
            "You may self-certify this day (%(last)s).",
            "You may self-certify all %(days)s days, to %(last)s.",
            decision.days_allowed,
        ) % {"days": decision.days_allowed, "last": day(last)}
    elif reason is R.CAPPED:
        status = "capped"
        advice = ngettext(
            "You may self-certify %(days)s day, to %(last)s. From %(first)s you need a doctor's note (sykmelding).",
            "You may self-certify %(days)s days, to %(last)s. From %(first)s you need a doctor's note (sykmelding).",
            decision.days_allowed,
        ) % {"days": decision.days_allowed, "last": day(last), "first": day(first_doctor_day)}
        choice_label = _("Submit only the days I may self-certify, to %(last)s") % {"last": day(last)}
    else:
        status = "refused"
        if reason is R.EMPLOYMENT_UNDER_2_MONTHS:
            advice = _("You need a doctor's note (sykmelding) for this absence.")
        elif reason is R.WITHDRAWN and withdrawal is not None:
            advice = _(
                "The decision applies from %(from)s to %(to)s. You need a doctor's note (sykmelding) "
                "from the first day of absence."
            ) % {"from": day(withdrawal.valid_from), "to": day(withdrawal.valid_to)}
        else:
            advice = _("You need a doctor's note (sykmelding) from the first day of this absence.")
    return DecisionText(
        status=status,
        reason=str(reason),
        headline=decision.reason_text(lang),
        explanation=decision.explain(lang),
        advice=advice,
        legal_basis=decision.legal_basis(lang),
        choice_label=choice_label,
        days_allowed=decision.days_allowed,
        last_day_allowed=last.isoformat() if last else None,
        first_doctor_day=first_doctor_day.isoformat() if first_doctor_day else None,
        occasions_12m=decision.occasions_12m,
    )


def problem_text(message: str, code: str) -> DecisionText:
    """The form's answer when the dates themselves are wrong (before the rules are asked)."""
    return DecisionText(
        status="invalid",
        reason=code,
        headline=message,
        explanation="",
        advice="",
        legal_basis=deadlines.legal_basis(deadlines.Topic.EGENMELDING, language()),
        choice_label="",
        days_allowed=0,
        last_day_allowed=None,
        first_doctor_day=None,
        occasions_12m=0,
    )


def policy_text(policy: EgenmeldingPolicy | None) -> str:
    """The rule in force for the number of days, in one sentence."""
    if policy is None:
        return _("The law: up to 3 calendar days per occasion.")
    per = ngettext(
        "up to %(count)s calendar day per occasion",
        "up to %(count)s calendar days per occasion",
        policy.max_days_per_occasion,
    ) % {"count": policy.max_days_per_occasion}
    if policy.max_days_per_12_months is None:
        return _("Your organisation's policy: %(per)s.") % {"per": per}
    return _("Your organisation's policy: %(per)s, and at most %(year)s days in 12 months.") % {
        "per": per,
        "year": policy.max_days_per_12_months,
    }
