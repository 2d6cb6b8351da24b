"""Errors from NAV and Maskinporten, each with a message a manager or HR understands."""

from django.utils.translation import gettext_lazy as _

from kernel.errors import DomainError


class NavError(DomainError):
    """NAV or Maskinporten refused a call, or could not be reached."""

    transient = False


class NavUnavailable(NavError):
    """Worth trying again later: no answer, a time-out or a server error."""

    transient = True


class NavRefused(NavError):
    """NAV answered and said no: trying again will not help until something changes."""


# Error codes NAV's APIs and Maskinporten answer with, in words (nb through the catalogue).
MESSAGES = {
    "unreachable": _("NAV could not be reached. The app tries again by itself."),
    "timeout": _("NAV did not answer in time. The app tries again by itself."),
    "server_error": _("NAV had a technical error. The app tries again by itself."),
    "invalid_client": _(
        "Maskinporten did not accept the app's key. Check the client id, key id and key file with Digdir's "
        "self-service."
    ),
    "invalid_grant": _("Maskinporten refused the request for access. Check the client's scopes and the key."),
    "invalid_scope": _("The Maskinporten client has not been given access to this NAV API (scope)."),
    "access_denied": _(
        "The organisation has not given the app's system user access in Altinn. Ask whoever manages access "
        "in Altinn to approve the system user."
    ),
    "not_configured": _("The NAV integration is not set up: Maskinporten client id and key are missing."),
    "unauthorized": _("NAV did not accept the app's access for this organisation (system user or rights in Altinn)."),
    "bad_request": _("NAV rejected the request as invalid: %(detail)s"),
    "not_found": _("NAV did not find it."),
    "invalid_response": _("NAV answered with something the app could not read."),
    # lps-oppfolgingsplan-mottak, README "Error types".
    "NO_ACTIVE_SENT_SYKMELDING": _(
        "NAV has no active sick note sent to the employer for this employee, so the plan cannot be sent yet."
    ),
    "NO_ACTIVE_EMPLOYMENT": _("NAV finds no active employment for this employee in this organisation."),
    "NO_ACTIVE_ARBEIDSFORHOLD": _("NAV finds no active employment for this employee in this organisation."),
    "GENERAL_PRACTITIONER_NOT_FOUND": _(
        "NAV found no general practitioner (fastlege) for the employee. Send the plan to NAV only, or give it to "
        "the employee."
    ),
    "EMPLOYEE_NOT_FOUND": _("NAV found no person with this national identity number. Check it on the employee."),
    "VALIDATION_ERROR": _("NAV rejected the plan: %(detail)s"),
    "AUTHENTICATION_ERROR": _("NAV did not accept the app's Maskinporten token."),
    "FOLLOWUP_PLAN_NOT_FOUND": _("NAV does not know this plan."),
    "INTERNAL_SERVER_ERROR": _("NAV had a technical error. The app tries again by itself."),
}


def message_for(code: str, detail: str = "") -> str:
    text = MESSAGES.get(code)
    if text is None:
        return str(_("NAV answered with an error (%(code)s).") % {"code": code})
    text = str(text)
    return text % {"detail": detail} if "%(detail)s" in text else text


def error(code: str, detail: str = "", *, transient: bool | None = None) -> NavError:
    cls = NavUnavailable if (transient if transient is not None else code in TRANSIENT_CODES) else NavRefused
    return cls(message_for(code, detail), code)


TRANSIENT_CODES = {"unreachable", "timeout", "server_error", "INTERNAL_SERVER_ERROR"}
