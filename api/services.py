"""API keys: created and revoked by administrators, every use of them checked here."""

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record

from .models import ApiToken, hash_key

KEY_PREFIX = "sf_"
# Write the last-used time at most this often, not on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@transaction.atomic
def token_create(*, token: ApiToken, by) -> tuple[ApiToken, str]:
    """Save a new key for `token.user` and return it with the key, which is not kept and shown only now."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token.prefix = key[:10]
    token.key_hash = hash_key(key)
    token.created_by = by if by is not None and by.is_authenticated else None
    token.save()
    audit_record(
        actor=by,
        action="api_token.create",
        obj=token,
        detail={"name": token.name, "user": token.user.get_username(), "prefix": token.prefix},
    )
    return token, key


@transaction.atomic
def token_revoke(*, token: ApiToken, by) -> ApiToken:
    if not token.revoked:
        token.revoked = True
        token.save(update_fields=["revoked"])
        audit_record(
            actor=by, action="api_token.revoke", obj=token, detail={"name": token.name, "prefix": token.prefix}
        )
    return token


def token_for_key(key: str) -> ApiToken | None:
    """The usable token with this key, or None; notes when it was used."""
    if not key.startswith(KEY_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_key(key)).first()
    if token is None or not token.is_usable():
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
