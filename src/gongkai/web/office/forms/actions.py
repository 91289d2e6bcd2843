"""One form per workflow transition; ``service_kwargs`` is what the service function takes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from gongkai.clock.fees import FeeBasis

from ...accounts.models import Role
from ..choices import Outcome

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class ActionForm(forms.Form):
    """Every action carries the case version the actor saw (the concurrency guard)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    dated = True  # the action takes effect on a date the actor states (default today)

    def __init__(self, *args: Any, unit: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit
        if self.dated:
            self.fields["on"] = forms.DateField(label="日期", widget=DATE, initial=timezone.localdate)

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class ConfirmReceiptForm(ActionForm):
    evidence = forms.CharField(label="确认记录（如：电话确认，经办人）", required=False)


class AssignForm(ActionForm):
    dated = False
    handler = forms.ModelChoiceField(queryset=get_user_model().objects.none(), label="承办人")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["handler"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            get_user_model()
            .objects.filter(memberships__unit=self.unit, memberships__role=Role.HANDLER)
            .distinct()
        )


class CorrectionForm(ActionForm):
    items = forms.CharField(label="需补正的事项（一次性告知）", widget=forms.Textarea(attrs={"rows": 3}))
    correct_by = forms.DateField(label="补正期限", required=False, widget=DATE)


class NoteForm(ActionForm):
    note = forms.CharField(label="说明", required=False)


class ConsultForm(ActionForm):
    third_party = forms.CharField(label="征求意见对象（第三方或其他机关）")


class OpinionForm(ActionForm):
    opinion = forms.CharField(label="对方意见（同意公开/不同意公开/逾期未答复）")


class ExtendForm(ActionForm):
    days = forms.IntegerField(label="延长工作日数", min_value=1, max_value=20, initial=20)
    reason = forms.CharField(label="延期理由")


class FeeForm(ActionForm):
    basis = forms.ChoiceField(
        label="计收方式",
        choices=[(FeeBasis.PER_PIECE.value, "按件计收"), (FeeBasis.BY_PAGES.value, "按量计收")],
    )
    pages = forms.IntegerField(label="页数（按量计收时）", min_value=0, required=False)

    def service_kwargs(self) -> dict[str, Any]:
        data = super().service_kwargs()
        data["basis"] = FeeBasis(data["basis"])
        data["pages"] = data.get("pages") or 0
        return data


class EmptyForm(ActionForm):
    pass


class ReplyForm(ActionForm):
    outcome = forms.ChoiceField(label="办理结果（年报表三对应行）", choices=Outcome.choices)
    legal_basis = forms.CharField(label="法律依据（留空则按办理结果自动填写）", required=False)
    reply_text = forms.CharField(label="答复内容", required=False, widget=forms.Textarea(attrs={"rows": 4}))


class WithdrawForm(ActionForm):
    reason = forms.CharField(label="撤回情况")


ACTION_FORMS: dict[str, type[ActionForm]] = {
    "confirm_receipt": ConfirmReceiptForm,
    "assign": AssignForm,
    "reassign": AssignForm,
    "request_correction": CorrectionForm,
    "receive_correction": NoteForm,
    "start_consultation": ConsultForm,
    "end_consultation": OpinionForm,
    "extend": ExtendForm,
    "notify_fee": FeeForm,
    "receive_fee": EmptyForm,
    "reply": ReplyForm,
    "withdraw": WithdrawForm,
}
