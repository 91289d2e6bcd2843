from django.urls import path  # noqa: F401 - filled by the corpus app

app_name = "corpus"
urlpatterns: list[object] = []
