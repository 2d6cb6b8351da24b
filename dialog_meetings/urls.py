from django.urls import path

from . import views, views_nav

# Included at /saker/<int:case_pk>/moter/: every view gets `case_pk`.
app_name = "dialog_meetings"
urlpatterns = [
    path("", views.index, name="index"),
    path("dialogmote-1/ny/", views.invite, name="invite"),
    path("dialogmote-1/ikke-nodvendig/", views.not_required, name="not_required"),
    path("dialogmote-1/ikke-nodvendig/angre/", views.undo_not_required, name="undo_not_required"),
    path("motebehov/", views_nav.need, name="need"),
    path("nav/ny/", views_nav.nav_new, name="nav_new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/flytt/", views.reschedule, name="reschedule"),
    path("<int:pk>/avlys/", views.cancel, name="cancel"),
    path("<int:pk>/forberedelse/", views.prepare, name="prepare"),
    path("<int:pk>/referat/", views.minutes, name="minutes"),
    path("<int:pk>/referat.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("<int:pk>/kalender.ics", views.calendar, name="calendar"),
    path("<int:pk>/samtykke/<int:participant_pk>/", views.consent, name="consent"),
    path("<int:pk>/kommentar/", views.comment, name="comment"),
    path("<int:pk>/tiltak/<int:action_pk>/til-plan/", views.action_to_plan, name="action_to_plan"),
    path("<int:pk>/svar-til-nav/", views_nav.nav_reply, name="nav_reply"),
]
