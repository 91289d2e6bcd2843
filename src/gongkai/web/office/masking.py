"""Personal data shown in lists and exports: keep the ends, hide the middle."""

from __future__ import annotations


def mask_id(number: str) -> str:
    """``110101199003071234`` → ``110101********1234``: region and check digits stay readable."""
    number = number.strip()
    if len(number) <= 4:
        return "*" * len(number)
    keep_head = 6 if len(number) >= 15 else 1
    return number[:keep_head] + "*" * (len(number) - keep_head - 4) + number[-4:]


def mask_phone(phone: str) -> str:
    """``13812345678`` → ``138****5678``; short numbers keep their last two digits."""
    phone = phone.strip()
    if len(phone) >= 11:
        return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
    if len(phone) > 2:
        return "*" * (len(phone) - 2) + phone[-2:]
    return "*" * len(phone)
