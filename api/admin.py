from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .models import ApiToken
from .services import token_create, token_revoke


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Administrators create and revoke API keys; a key is shown once, when it is created."""

    list_display = ["name", "prefix", "user", "created_by", "created_at", "last_used_at", "expires_at", "revoked"]
    list_filter = ["revoked"]
    list_select_related = ["user", "created_by"]
    search_fields = ["name", "prefix", "user__username"]
    autocomplete_fields = ["user"]
    readonly_fields = ["prefix", "created_by", "created_at", "last_used_at"]
    actions = ["revoke"]

    def has_module_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        return self.has_module_permission(request)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["name", "user", "expires_at"]
        return ["name", "user", "prefix", "created_by", "created_at", "last_used_at", "expires_at", "revoked"]

    def get_readonly_fields(self, request, obj=None):
        # Who a key acts as is fixed when it is made: make a new key for another user.
        return [*self.readonly_fields, "user"] if obj is not None else []

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj, request._api_key = token_create(token=obj, by=request.user)
            return
        stored = ApiToken.objects.get(pk=obj.pk)
        revoke = obj.revoked and not stored.revoked
        obj.revoked = stored.revoked  # a revoked key stays revoked; revoking goes through the service
        obj.save()
        if revoke:
            token_revoke(token=obj, by=request.user)

    def response_add(self, request, obj, post_url_continue=None):
        return TemplateResponse(
            request,
            "api/apitoken_created.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "token": obj,
                "key": request._api_key,
                "title": _("API key created"),
            },
        )

    @admin.action(description=_("Revoke the selected keys"))
    def revoke(self, request, queryset) -> None:
        for token in queryset:
            token_revoke(token=token, by=request.user)
