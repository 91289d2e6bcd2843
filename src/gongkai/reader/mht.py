"""Web archives (``.mht``/``.mhtml``): a MIME message whose first HTML part is the page.

Word's "single file web page", a browser's "save as one file" and the MHT
chunks office systems put into a .docx are all read this way: the HTML part is
decoded from quoted-printable or base64 and read by the HTML front end in the
charset its part header names (else the page's own declaration decides).
"""

from __future__ import annotations

import email
import re

from .blocks import Block

_HEADER_LINE = re.compile(rb"[A-Za-z][A-Za-z0-9-]*:")
_BLANK_LINE = re.compile(rb"\r?\n\r?\n")


def is_mht(data: bytes) -> bool:
    """Whether the document opens with MIME headers naming a content type (a web archive)."""
    head = data[:4096].lstrip()
    if _HEADER_LINE.match(head) is None:
        return False
    headers = _BLANK_LINE.split(head, maxsplit=1)[0].lower()
    return b"content-type:" in headers and (b"mime-version:" in headers or b"multipart/" in headers)


def mht_blocks(data: bytes, *, encoding: str | None = None) -> list[Block]:
    """Blocks of the archive's first HTML part (none when it has no such part);
    ``encoding`` overrides the part's charset."""
    from .html import html_blocks  # lxml, loaded only when a document needs it (``is_mht`` does not)

    message = email.message_from_bytes(data)
    for section in message.walk():
        if section.get_content_type() == "text/html":
            payload = section.get_payload(decode=True)
            if isinstance(payload, bytes):
                return html_blocks(payload, encoding=encoding or section.get_content_charset())
    return []
