from allauth.mfa.utils import is_mfa_enabled
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .middleware import seconds_left, touch


def no_local_login(request):
    raise Http404("Sign-in with a password is turned off.")


@login_required
def profile(request):
    """My account: the second factor, the sessions, signing out everywhere."""
    sessions = UserSession.objects.filter(user=request.user).order_by("-last_seen_at")
    return render(
        request,
        "signin/profile.html",
        {
            "mfa_enabled": is_mfa_enabled(request.user),
            "local_login": settings.LOCAL_LOGIN,
            "sessions": sessions,
            "session_count": sessions.count(),
        },
    )


@require_POST
@login_required
def sign_out_everywhere(request):
    count = services.sign_out_everywhere(request=request)
    messages.success(request, _("You are signed out everywhere (%(count)d sessions).") % {"count": count})
    return redirect("account_login")


@require_POST
@login_required
def keep_alive(request):
    """A request that counts as activity (the idle warning's "Stay signed in")."""
    touch(request)
    return JsonResponse({"seconds_left": seconds_left(request)})
