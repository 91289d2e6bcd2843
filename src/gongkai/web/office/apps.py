from django.apps import AppConfig


class OfficeConfig(AppConfig):
    """Disclosure applications from receipt to reply, review and litigation, annual tables."""

    name = "gongkai.web.office"
    label = "office"
    verbose_name = "依申请公开办理"
    default_auto_field = "django.db.models.BigAutoField"
