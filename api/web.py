"""Cross-cutting HTTP rules and the single-page web app.

Writes must come as application/json: a cross-site form cannot send that
without a CORS preflight, which this server never grants. Writes that a
browser marks as coming from another site (Origin, Sec-Fetch-Site) are
refused as well. Every answer, the app's files and errors included, carries
the security headers.
"""

import os
import threading
import time
from urllib.parse import urlsplit

from flask import Blueprint, current_app, request, send_from_directory
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import PathConverter
from werkzeug.security import safe_join

from api.errors import ApiError

bp = Blueprint("web", __name__)

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

# Sec-Fetch-Site values of a request this site's own pages (or a person
# typing the address) made.
SAME_ORIGIN = {"same-origin", "none"}

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; form-action 'self'"
)


def _no_such_write() -> bool:
    """A write to no route, or by a method the route does not take: it runs
    nothing and is answered 404 or 405 as such. (A redirect, such as for a
    doubled slash, is still checked: its answer names the route.)"""
    return isinstance(request.routing_exception, NotFound | MethodNotAllowed)


def require_json_for_writes():
    if _no_such_write():
        return
    if request.method in WRITE_METHODS and request.mimetype != "application/json":
        raise ApiError("unsupported_media_type")


def refuse_cross_site_writes():
    """A second layer behind the JSON rule: browsers say where a request
    comes from, and a write from another site is refused before it runs."""
    if request.method not in WRITE_METHODS or _no_such_write():
        return
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in SAME_ORIGIN:
        raise ApiError("cross_site_request")
    origin = request.headers.get("Origin")
    if origin is not None and urlsplit(origin).netloc != request.host:
        raise ApiError("cross_site_request")


# How many verified session cookies a process remembers, and the longest
# it remembers. The ones it issues are about 260 characters (the session id
# and Flask-Login's 128-character fingerprint of the browser, compressed);
# a cookie padded with text the decoder ignores still verifies, so much
# longer ones are checked each time rather than kept.
OPENED_COOKIES = 10_000
OPENED_COOKIE_CHARS = 512


class SessionInterface(SecureCookieSessionInterface):
    """Marks the session cookie Secure whenever the request came over HTTPS,
    not only when BOXOFFICE_SECURE_COOKIES says so; and checks a cookie's
    signature once per process instead of on every request: the same cookie
    text says the same thing until it is too old, which is checked each time.
    (The cookie only carries a server session's id: account.sessions says
    whether that session still holds.)"""

    def __init__(self) -> None:
        super().__init__()
        # cookie text -> (its data, when it was signed)
        self._opened: dict[str, tuple[dict, float]] = {}
        self._lock = threading.Lock()

    def get_cookie_secure(self, app) -> bool:
        return super().get_cookie_secure(app) or request.is_secure

    def open_session(self, app, request):
        text = request.cookies.get(self.get_cookie_name(app))
        if not text or not app.secret_key:
            return super().open_session(app, request)
        max_age = app.permanent_session_lifetime.total_seconds()
        known = self._opened.get(text)
        if known is None:
            try:
                data, signed = self.get_signing_serializer(app).loads(
                    text, max_age=int(max_age), return_timestamp=True
                )
            except BadSignature:
                return self.session_class()
            known = (data, signed.timestamp())
            if len(text) <= OPENED_COOKIE_CHARS:
                with self._lock:
                    if len(self._opened) >= OPENED_COOKIES:
                        self._opened.clear()
                    self._opened[text] = known
        data, signed_at = known
        if time.time() - signed_at > max_age:
            return self.session_class()
        return self.session_class(dict(data))


def security_headers(response):
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    response.headers.setdefault(
        "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
    )
    if request.is_secure:
        response.headers.setdefault(
            "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
        )
    if request.path.startswith("/api/"):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


@bp.get("/api/health")
def health():
    return {"status": "ok"}


class PagePath(PathConverter):
    """Any path outside /api/: those belong to the client-side router, so an
    unknown /api/ path is a JSON 404 and a wrong method there a 405."""

    regex = r"(?!api(?:/|$))[^/].*?"


@bp.get("/")
@bp.get("/<page:path>")
def single_page_app(path: str = ""):
    dist = current_app.config["FRONTEND_DIST"]
    if path and _is_file(dist, path):
        return send_from_directory(dist, path)
    if not (dist / "index.html").is_file():
        raise NotFound()
    # Client-side routes all get the app, which reads the URL itself.
    response = send_from_directory(dist, "index.html")
    response.headers["Cache-Control"] = "no-cache"
    return response


def _is_file(root, path: str) -> bool:
    """Whether `path` names a built file; paths that climb out of `root` or
    that the file system refuses are simply not files, so the answer never
    tells anything about the rest of the disk."""
    target = safe_join(str(root), path)
    if target is None:
        return False
    try:
        return os.path.isfile(target)
    except (OSError, ValueError):
        return False
