"""Errors from NAV and Maskinporten, each with a message a manager or HR understands."""

from django.utils.translation import gettext_lazy as _

from kernel.errors import DomainError


class NavError(DomainError):
    """NAV or Maskinporten refused a call, or could not be reached."""

    transient = False
    detail = ""  # NAV's own words, kept beside the code


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
    # esyfo-narmesteleder and syfo-dokumentporten, ApiError `type`.
    "LINEMANAGER_NAME_NATIONAL_IDENTIFICATION_NUMBER_MISMATCH": _(
        "NAV did not accept the nearest leader: the manager's last name does not match the name the population "
        "register (folkeregisteret) has for that national identity number. Check the manager's last name and "
        "identity number."
    ),
    "EMPLOYEE_NAME_NATIONAL_IDENTIFICATION_NUMBER_MISMATCH": _(
        "NAV did not accept the nearest leader: the employee's last name does not match the name the population "
        "register (folkeregisteret) has for that national identity number. Check the employee's last name and "
        "identity number."
    ),
    "NO_ACTIVE_SICK_LEAVE": _(
        "NAV has no active sick leave sent to the employer for this employee, so no nearest leader can be given yet."
    ),
    "EMPLOYEE_MISSING_EMPLOYMENT_IN_ORG": _(
        "NAV finds no active employment for this employee in this business unit. Check the unit's business unit number."
    ),
    "LINEMANAGER_MISSING_EMPLOYMENT_IN_ORG": _("NAV finds no active employment for the manager in this organisation."),
    "MISSING_ORG_ACCESS": _("The app's system user has no access to this organisation in Altinn."),
    "MISSING_ALITINN_RESOURCE_ACCESS": _(
        "The app's system user lacks the Altinn right this needs. Ask whoever manages access in Altinn to add it "
        "to the system user."
    ),
    "AUTHORIZATION_ERROR": _("NAV did not accept the app's system-user token for this organisation."),
    "BAD_REQUEST": _("NAV rejected the request as invalid: %(detail)s"),
    "INVALID_FORMAT": _("NAV could not read the request: %(detail)s"),
    "ORGANIZATION_NOT_FOUND": _("NAV does not know this organisation number."),
    "UPSTREAM_SERVICE_UNAVAILABLE": _("A service NAV depends on is down. The app tries again by itself."),
    "NOT_FOUND": _("NAV did not find it."),
    "gone": _("NAV has deleted this document; it is no longer available."),
    # Checked by the app before anything is sent.
    "leader_missing_data": _(
        "The nearest leader cannot be given to NAV: %(detail)s is missing. Add it on the employee's record."
    ),
}


def message_for(code: str, detail: str = "") -> str:
    text = MESSAGES.get(code)
    if text is None:
        return str(_("NAV answered with an error (%(code)s).") % {"code": code})
    text = str(text)
    return text % {"detail": detail} if "%(detail)s" in text else text


def error(code: str, detail: str = "", *, transient: bool | None = None) -> NavError:
    cls = NavUnavailable if (transient if transient is not None else code in TRANSIENT_CODES) else NavRefused
    failure = cls(message_for(code, detail), code)
    failure.detail = detail
    return failure


TRANSIENT_CODES = {"unreachable", "timeout", "server_error", "INTERNAL_SERVER_ERROR", "UPSTREAM_SERVICE_UNAVAILABLE"}
