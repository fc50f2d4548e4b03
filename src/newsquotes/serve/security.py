"""What every response carries and every request must pass, whatever the route.

* The Host header must name this server (or this machine): a page on another site that
  rebinds its DNS name to 127.0.0.1 cannot read the corpus through a visitor's browser.
* A body whose declared length is over the cap is refused (413) before it is read.
* Security headers: a strict Content-Security-Policy (the page loads only its own scripts and
  styles), no sniffing of content types, no framing, no referrer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .limits import LOCAL_HOSTS

WILDCARD_HOSTS = ("0.0.0.0", "::", "")
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
"""Swagger UI sets inline styles; its page alone may."""
HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-resource-policy": "same-origin",
}


def allowed_hosts_for(host: str, extra: Iterable[str] = ()) -> frozenset[str] | None:
    """Host names requests may carry; None (any) when serving on every interface."""
    if host in WILDCARD_HOSTS:
        return None
    return frozenset(h.lower().strip("[]") for h in (*LOCAL_HOSTS, host, *extra))


def _host_name(value: str) -> str:
    value = value.strip().lower()
    if value.startswith("["):  # [::1]:8000
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class SecurityMiddleware:
    """Checks Host and body length, adds the security headers (pure ASGI, so streaming and
    static files pass through untouched)."""

    def __init__(
        self, app: ASGIApp, *, allowed_hosts: frozenset[str] | None, max_body_bytes: int
    ) -> None:
        self.app = app
        self.allowed_hosts = allowed_hosts
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        host = _host_name(headers.get("host", ""))
        if self.allowed_hosts is not None and host not in self.allowed_hosts:
            await _refuse(send, 421, "this server does not answer for that Host name")
            return
        length = headers.get("content-length", "")
        if length.isascii() and length.isdigit() and int(length) > self.max_body_bytes:
            await _refuse(send, 413, f"the body is larger than {self.max_body_bytes} bytes")
            return
        receive = _capped(receive, self.max_body_bytes)
        policy = DOCS_CSP if scope["path"].endswith("/docs") else CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [(k.encode(), v.encode()) for k, v in HEADERS.items()]
                extra.append((b"content-security-policy", policy.encode()))
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except _BodyTooLarge:
            await _refuse(send, 413, f"the body is larger than {self.max_body_bytes} bytes")


class _BodyTooLarge(Exception):
    pass


def _capped(receive: Receive, cap: int) -> Receive:
    """``receive`` that stops a body sent without (or with a false) length at ``cap`` bytes."""
    seen = 0

    async def capped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > cap:
                raise _BodyTooLarge()
        return message

    return capped


async def _refuse(send: Send, status: int, message: str) -> None:
    body = json.dumps({"error": message, "status": status}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *[(k.encode(), v.encode()) for k, v in HEADERS.items()],
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
