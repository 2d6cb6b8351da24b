"""Included at /saker/<case_pk>/plan/: every view gets the case first."""

from django.urls import path

from . import views, views_drafting

app_name = "followup_plans"

_version = "<int:plan_pk>/v/<int:number>/"
_draft = "<int:plan_pk>/utkast/"

urlpatterns = [
    path("", views.plan_index, name="index"),
    path("start/", views.plan_start, name="start"),
    path("ikke-nodvendig/", views.plan_not_needed, name="not_needed"),
    path("nodvendig-likevel/", views.plan_needed_again, name="needed_again"),
    path("<int:plan_pk>/ny-versjon/", views.version_new, name="version_new"),
    # The draft
    path(_draft, views_drafting.draft_edit, name="draft"),
    path(_draft + "autolagre/", views_drafting.draft_autosave, name="autosave"),
    path(_draft + "oppgaver/ny/", views_drafting.task_edit, name="task_add"),
    path(_draft + "oppgaver/<int:task_pk>/", views_drafting.task_edit, name="task_edit"),
    path(_draft + "oppgaver/<int:task_pk>/slett/", views_drafting.task_delete, name="task_delete"),
    path(_draft + "tiltak/ny/", views_drafting.measure_edit, name="measure_add"),
    path(_draft + "tiltak/fra-mal/", views_drafting.measure_from_template, name="measure_from_template"),
    path(_draft + "tiltak/<int:measure_pk>/", views_drafting.measure_edit, name="measure_edit"),
    path(_draft + "tiltak/<int:measure_pk>/slett/", views_drafting.measure_delete, name="measure_delete"),
    path(_draft + "tiltak/<int:measure_pk>/avgjor/", views_drafting.measure_decide, name="measure_decide"),
    # One version
    path(_version, views.version_view, name="version"),
    path(_version + "godkjenn/", views.version_approve, name="approve"),
    path(_version + "send/", views.version_hand_over, name="hand_over"),
    path(_version + "trekk-godkjenning/", views.approval_withdraw, name="approval_withdraw"),
    path(_version + "fullfor-uten-arbeidstaker/", views.version_complete_alone, name="complete_alone"),
    path(_version + "endringer/", views.version_changes, name="changes"),
    path(_version + "pdf/", views.version_pdf, name="pdf"),
    path(_version + "nav.json", views.version_nav_json, name="nav_json"),
    path(_version + "sendt/", views.sharing_add, name="sharing_add"),
    path(_version + "evaluering/", views.evaluation_add, name="evaluation_add"),
    # HR's measure templates
]
