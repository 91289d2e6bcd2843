from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Units (administrative bodies), staff and their roles."""

    name = "gongkai.web.accounts"
    label = "accounts"
    verbose_name = "单位与人员"
    default_auto_field = "django.db.models.BigAutoField"
