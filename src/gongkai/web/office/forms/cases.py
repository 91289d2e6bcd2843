"""Staff forms: registering an application received off line, attaching files."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils import timezone

from ..choices import Channel
from ..models import Application, Attachment
from ..services import APPLICANT_FIELDS


class RegisterForm(forms.ModelForm):  # type: ignore[type-arg]  # not subscriptable at run time
    """An application as the registrar receives it, with the Art. 31 receipt facts."""

    channel = forms.ChoiceField(label="渠道", choices=Channel.choices)
    arrived_on = forms.DateField(
        label="到达日期", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    signed_for = forms.BooleanField(label="挂号信等需签收的邮件（签收之日为收到日期）", required=False)
    confirmed_on = forms.DateField(
        label="与申请人确认收到的日期（网络、传真、电子邮件、平信）",
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    evidence = forms.CharField(label="签收或确认记录", required=False, max_length=300)

    class Meta:
        model = Application
        fields = APPLICANT_FIELDS
        widgets: ClassVar[dict[str, Any]] = {"content": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("arrived_on", timezone.localdate())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        arrived, confirmed = data.get("arrived_on"), data.get("confirmed_on")
        today = timezone.localdate()
        if arrived and arrived > today:
            self.add_error("arrived_on", "到达日期不能晚于今天")
        if arrived and confirmed and confirmed < arrived:
            self.add_error("confirmed_on", "确认日期不能早于到达日期")
        return data


class AttachmentForm(forms.ModelForm):  # type: ignore[type-arg]  # not subscriptable at run time
    class Meta:
        model = Attachment
        fields = ("file", "description")
