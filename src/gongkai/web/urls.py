"""Top-level URLs: the corpus at /, the office at /office/, the public form at /apply/, the API at /api/."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from .api import api

admin.site.site_header = "gongkai 政府信息公开管理"
admin.site.site_title = "gongkai"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/", api.urls),
    path("office/", include("gongkai.web.office.urls")),
    path("", include("gongkai.web.corpus.urls")),
]
