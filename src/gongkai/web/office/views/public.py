"""Pages without login: apply (Art. 28–29), the receipt, the status check by receipt number."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from ..forms.apply import ApplyForm, StatusForm
from ..models import Application
from ..services import submit_online

RATE_LIMIT = getattr(settings, "GONGKAI_APPLY_RATE_LIMIT", 5)  # submissions per IP …
RATE_WINDOW = getattr(settings, "GONGKAI_APPLY_RATE_WINDOW", 600)  # … per this many seconds


def client_ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


def over_rate_limit(request: HttpRequest) -> bool:
    """Count this submission against the client's window; True once the limit is passed."""
    key = f"office:apply:{client_ip(request)}"
    cache.add(key, 0, RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW)
        count = 1
    return count > RATE_LIMIT


def apply(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ApplyForm(request.POST)
        existing = Application.objects.filter(idempotency_token=request.POST.get("token") or None).first()
        if existing is not None:  # the same form sent again (double click, reload): same receipt
            return redirect("office:receipt", receipt_no=existing.receipt_no)
        if over_rate_limit(request):
            return render(request, "office/apply_limited.html", {"window": RATE_WINDOW // 60}, status=429)
        if form.is_valid():
            data = form.cleaned_data
            case = submit_online(data["unit"], data, data["token"])
            return redirect("office:receipt", receipt_no=case.receipt_no)
    else:
        form = ApplyForm()
    return render(request, "office/apply.html", {"form": form})


def receipt(request: HttpRequest, receipt_no: str) -> HttpResponse:
    case = get_object_or_404(Application.objects.select_related("unit"), receipt_no=receipt_no)
    return render(request, "office/receipt.html", {"case": case})


def status(request: HttpRequest) -> HttpResponse:
    form = StatusForm(request.GET or None)
    case = None
    searched = form.is_bound and form.is_valid()
    if searched:
        case = (
            Application.objects.select_related("unit")
            .filter(receipt_no=form.cleaned_data["receipt_no"])
            .first()
        )
    return render(request, "office/status.html", {"form": form, "case": case, "searched": searched})
