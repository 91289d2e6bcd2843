"""The corpus pages (mounted at /)."""

from django.urls import path

from . import views

app_name = "corpus"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("export/", views.export, name="export"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/correct/", views.report_correct, name="correct"),
    path("reports/<int:pk>/download/<str:fmt>/", views.report_download, name="report_download"),
    path("bodies/", views.body_list, name="bodies"),
    path("bodies/<int:pk>/", views.body_detail, name="body"),
    path("bodies/<int:pk>/edit/", views.body_edit, name="body_edit"),
    path("compare/", views.compare, name="compare"),
    path("summary/", views.summary, name="summary"),
]
