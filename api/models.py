"""Keys with which an integration (a payroll or HR system) uses the API as a user."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def hash_key(key: str) -> str:
    # The keys are long and random, so a fast hash is enough (as for session keys); only the hash is kept.
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """An API key. It acts as its user, with exactly that user's access; the key is shown once."""

    name = models.CharField(_("name"), max_length=100, help_text=_('What uses the key, e.g. "Payroll system".'))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("acts as user"),
        help_text=_("The key sees and may change exactly what this user may."),
    )
    prefix = models.CharField(_("key begins with"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(
        _("expires"), null=True, blank=True, help_text=_("Empty: the key does not expire.")
    )
    revoked = models.BooleanField(
        _("revoked"), default=False, help_text=_("A revoked key is refused at once and cannot be used again.")
    )

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return not self.revoked and (self.expires_at is None or self.expires_at > now) and self.user.is_active
