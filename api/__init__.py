"""The box office JSON API and the web app it serves.

`create_app()` reads its settings from the environment:
  DATABASE_URL                the PostgreSQL database (required)
  BOXOFFICE_SECRET_KEY        signs session cookies, or
  BOXOFFICE_SECRET_KEY_FILE   a file holding that key
  BOXOFFICE_SECURE_COOKIES    "1" when served over HTTPS (cookies are
                              also Secure on any request that came over HTTPS)
  BOXOFFICE_PROXY_COUNT       how many reverse proxies stand in front of the
                              app; only then are X-Forwarded-* headers read
"""

import logging
import os
from datetime import timedelta
from pathlib import Path

import bcrypt
from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from api import (
    auth,
    bookings,
    catalog,
    errors,
    live,
    openapi,
    patterns,
    profile,
    rankings,
    search,
    web,
)
from api.db import STATEMENT_TIMEOUT_MS, Database
from api.jsonio import OrjsonProvider

log = logging.getLogger(__name__)


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, static_folder=None)
    app.json = OrjsonProvider(app)
    app.config.update(
        DATABASE_URL=os.environ.get("DATABASE_URL"),
        SECRET_KEY=_secret_key(),
        BCRYPT_ROUNDS=12,
        MAX_CONTENT_LENGTH=64 * 1024,
        SESSION_COOKIE_NAME="boxoffice_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=os.environ.get("BOXOFFICE_SECURE_COOKIES") == "1",
        PERMANENT_SESSION_LIFETIME=timedelta(days=14),
        # The cookie is written at login with the server session's own
        # lifetime (account.sessions.expires_at); rewriting it on every
        # answer would outlive that session and cost a signature per request.
        SESSION_REFRESH_EACH_REQUEST=False,
        FRONTEND_DIST=Path(__file__).resolve().parent.parent / "frontend" / "dist",
        DB_POOL_SIZE=int(os.environ.get("BOXOFFICE_DB_POOL_SIZE", "10")),
        DB_POOL_TIMEOUT=5.0,
        DB_STATEMENT_TIMEOUT_MS=STATEMENT_TIMEOUT_MS,
        # Brute-force limits: refused logins per name and per client address
        # within the window, counted in the database for every worker.
        LOGIN_WINDOW_SECONDS=900,
        LOGIN_MAX_FAILURES_PER_ACCOUNT=5,
        LOGIN_MAX_FAILURES_PER_CLIENT=50,
        PROXY_COUNT=int(os.environ.get("BOXOFFICE_PROXY_COUNT", "0")),
    )
    app.config.update(config or {})
    if not app.config["DATABASE_URL"]:
        raise RuntimeError("Set DATABASE_URL to the box office database.")
    if not app.config["SECRET_KEY"]:
        raise RuntimeError("Set BOXOFFICE_SECRET_KEY or BOXOFFICE_SECRET_KEY_FILE.")

    _configure_logging(app)
    app.config["DUMMY_HASH"] = bcrypt.hashpw(
        b"not a real password", bcrypt.gensalt(app.config["BCRYPT_ROUNDS"])
    ).decode()
    app.db = Database(
        app.config["DATABASE_URL"],
        max_size=app.config["DB_POOL_SIZE"],
        timeout=app.config["DB_POOL_TIMEOUT"],
        statement_timeout_ms=app.config["DB_STATEMENT_TIMEOUT_MS"],
    )

    app.url_map.converters["page"] = web.PagePath
    app.session_interface = web.SessionInterface()
    if app.config["PROXY_COUNT"]:
        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)
    auth.login_manager.init_app(app)
    errors.register_handlers(app)
    app.before_request(web.require_json_for_writes)
    app.before_request(web.refuse_cross_site_writes)
    app.after_request(web.security_headers)
    for module in (auth, catalog, bookings, live, search, profile, rankings, patterns):
        app.register_blueprint(module.bp)
    # Last: the web app's catch-all route.
    for module in (openapi, web):
        app.register_blueprint(module.bp)

    return app


def _secret_key() -> str | None:
    if os.environ.get("BOXOFFICE_SECRET_KEY"):
        return os.environ["BOXOFFICE_SECRET_KEY"]
    path = os.environ.get("BOXOFFICE_SECRET_KEY_FILE")
    return Path(path).read_text().strip() if path else None


def _configure_logging(app: Flask) -> None:
    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
