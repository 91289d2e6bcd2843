from django.urls import path  # noqa: F401 - filled by the office app

app_name = "office"
urlpatterns: list = []
