from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import PreferenceForm
from .models import NotificationPreference


@login_required
def notification_list(request):
    """Varsler: the user's reminders, escalations and digests, newest first."""
    page = selectors.notifications_page(request.user, request.GET.get("page"))
    return render(request, "reminders/notification_list.html", {"page": page})


@login_required
@require_POST
def notification_read(request, pk: int):
    """Mark one notification read, then go where it points (the case) or back to the list."""
    delivery = get_object_or_404(selectors.notifications(request.user), pk=pk)
    services.notification_mark_read(delivery=delivery)
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect("reminders:list")


@login_required
@require_POST
def notification_read_all(request):
    services.notifications_mark_all_read(user=request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("reminders:list")


@login_required
def preferences(request):
    """In the app only, or in the app and by e-mail."""
    current = NotificationPreference.objects.filter(user=request.user).first() or NotificationPreference(
        user=request.user
    )
    form = PreferenceForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.preference_set(user=request.user, channel=form.cleaned_data["channel"])
        messages.success(request, _("Your notification settings are saved."))
        return redirect("reminders:list")
    return render(request, "reminders/preferences.html", {"form": form})
