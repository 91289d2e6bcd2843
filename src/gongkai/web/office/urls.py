"""The office's URLs: public pages first, then the staff pages."""

from django.urls import path

from .views import annual, appeals, cases, public

app_name = "office"
urlpatterns = [
    path("apply/", public.apply, name="apply"),
    path("apply/<str:receipt_no>/", public.receipt, name="receipt"),
    path("status/", public.status, name="status"),
    path("", cases.dashboard, name="dashboard"),
    path("cases/", cases.case_list, name="cases"),
    path("cases/export.csv", cases.case_export, name="export"),
    path("cases/new/", cases.case_new, name="case_new"),
    path("cases/<int:pk>/", cases.case_detail, name="case"),
    path("cases/<int:pk>/act/<str:name>/", cases.case_action, name="act"),
    path("cases/<int:pk>/letter.<str:fmt>", cases.case_letter, name="letter"),
    path("cases/<int:pk>/attachments/", cases.attachment_upload, name="attach"),
    path("attachments/<int:pk>/", cases.attachment_download, name="attachment"),
    path("appeals/", appeals.appeal_list, name="appeals"),
    path("appeals/new/", appeals.appeal_edit, name="appeal_new"),
    path("appeals/<int:pk>/", appeals.appeal_edit, name="appeal"),
    path("annual/", annual.annual_index, name="annual_index"),
    path("annual/<int:unit_id>/<int:year>/", annual.annual_table, name="annual"),
    path("annual/<int:unit_id>/<int:year>/cases/<str:key>/", annual.annual_cases, name="annual_cases"),
]
