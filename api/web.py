"""Cross-cutting HTTP rules and the single-page web app.

Writes must come as application/json: a cross-site form cannot send that
without a CORS preflight, which this server never grants.
"""

from flask import Blueprint, current_app, request, send_from_directory
from werkzeug.exceptions import NotFound

from api.errors import ApiError

bp = Blueprint("web", __name__)

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; form-action 'self'"
)


def require_json_for_writes():
    if request.method in WRITE_METHODS and request.mimetype != "application/json":
        raise ApiError("unsupported_media_type")


def security_headers(response):
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    if request.path.startswith("/api/"):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


@bp.get("/api/health")
def health():
    return {"status": "ok"}


@bp.get("/")
@bp.get("/<path:path>")
def single_page_app(path: str = ""):
    if path.startswith("api/") or path == "api":
        raise ApiError("not_found")

    dist = current_app.config["FRONTEND_DIST"]
    if path and (dist / path).is_file():
        return send_from_directory(dist, path)
    if not (dist / "index.html").is_file():
        raise NotFound()
    # Client-side routes all get the app, which reads the URL itself.
    response = send_from_directory(dist, "index.html")
    response.headers["Cache-Control"] = "no-cache"
    return response
