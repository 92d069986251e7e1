"""Accounts: register, log in, log out, who am I.

A session is a row in account.sessions; the signed cookie only carries its
id, so logging out ends the session on the server and a replayed cookie is
refused.
"""

import logging
import uuid

import bcrypt
from flask import Blueprint, current_app, session
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user

from api import identity, limits
from api.errors import ApiError
from api.serialize import instant
from api.validation import Fields, json_body

log = logging.getLogger(__name__)

bp = Blueprint("auth", __name__, url_prefix="/api/auth")
login_manager = LoginManager()

PASSWORD_MIN_CHARS = 8
# bcrypt reads at most 72 bytes; longer passwords are refused, never cut.
PASSWORD_MAX_BYTES = 72


class SessionUser(UserMixin):
    def __init__(self, session_id: str, row: dict):
        self.id = session_id
        self.user_id = row["user_id"]
        self.row = row


@login_manager.user_loader
def load_user(session_id: str):
    # Only a cookie signed with our key gets here; still, anything but a
    # session id in it is no session.
    try:
        uuid.UUID(session_id)
    except (TypeError, ValueError, AttributeError):
        return None
    try:
        row = current_app.db.call_one("account.get_session_user", session_id=session_id)
    except ApiError:
        return None
    return SessionUser(session_id, row) if row else None


@login_manager.unauthorized_handler
def unauthorized():
    raise ApiError("unauthenticated")


def user_json(row: dict) -> dict:
    return {
        "user_id": row["user_id"],
        "username": row["username"],
        "email": row["email"],
        "display_name": row["display_name"],
        "created_at": instant(row["created_at"]),
    }


def check_password_rules(password: str | None, errors: dict[str, str]) -> None:
    if password is None:
        return
    if len(password) < PASSWORD_MIN_CHARS:
        errors["password"] = f"must be at least {PASSWORD_MIN_CHARS} characters"
    elif len(password.encode()) > PASSWORD_MAX_BYTES:
        errors["password"] = f"must be at most {PASSWORD_MAX_BYTES} bytes"
    elif limits.is_common_password(password):
        errors["password"] = "is too common; choose one that is harder to guess"


def password_matches(password: str, stored_hash: str) -> bool:
    """Checks a password against a bcrypt hash. A password longer than bcrypt
    reads never matches, but is still hashed, so the time taken is the same."""
    candidate = password.encode()
    matches = bcrypt.checkpw(candidate[:PASSWORD_MAX_BYTES], stored_hash.encode())
    return matches and len(candidate) <= PASSWORD_MAX_BYTES


def hash_password(password: str) -> str:
    rounds = current_app.config["BCRYPT_ROUNDS"]
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds)).decode()


def start_session(user_id: int) -> None:
    # A fresh session at every login: nothing from before survives it, and
    # the session this browser had until now ends on the server too.
    if current_user.is_authenticated:
        current_app.db.call("account.end_session", session_id=current_user.id)
    session.clear()
    lifetime = int(current_app.permanent_session_lifetime.total_seconds())
    row = current_app.db.call_one(
        "account.create_session", user_id=user_id, lifetime_seconds=lifetime
    )
    session.permanent = True
    login_user(SessionUser(str(row["session_id"]), {"user_id": user_id}))


@bp.post("/register")
def register():
    fields = Fields(json_body())
    username = fields.text("username", min_len=3, max_len=30)
    email = fields.text("email", min_len=3, max_len=254)
    display_name = fields.text("display_name", min_len=1, max_len=60)
    password = fields.text("password", min_len=1, max_len=200)
    username, email = identity.check_account_fields(
        fields.errors, username, email, display_name
    )
    check_password_rules(password, fields.errors)
    fields.check()

    row = current_app.db.call_one(
        "account.register_user",
        username=username,
        email=email,
        display_name=display_name.strip(),
        password_hash=hash_password(password),
    )
    start_session(row["user_id"])
    log.info("user registered: user_id=%s", row["user_id"])
    return {"user": user_json(row)}, 201


@bp.post("/login")
def login():
    fields = Fields(json_body())
    login_name = fields.text("login", min_len=1, max_len=254)
    password = fields.text("password", min_len=1, max_len=200)
    if login_name is not None and not login_name.strip():
        fields.errors["login"] = "must not be blank"
    fields.check()
    login_name = identity.normalise_login(login_name)

    # Past the brute-force limits the password is not even looked at.
    limits.check_login_allowed(login_name)
    row = current_app.db.call_one("account.get_user_for_login", login=login_name)
    # Check a hash even for an unknown user, so timing does not tell them apart.
    stored = row["password_hash"] if row else current_app.config["DUMMY_HASH"]
    matches = password_matches(password, stored)
    if not row or not matches:
        limits.record_login_failure(login_name)
        log.info("login refused")
        raise ApiError("unauthenticated", "Wrong username, email or password.")

    start_session(row["user_id"])
    log.info("user logged in: user_id=%s", row["user_id"])
    return {"user": user_json(row)}


@bp.post("/logout")
def logout():
    json_body()
    if current_user.is_authenticated:
        current_app.db.call("account.end_session", session_id=current_user.id)
        log.info("user logged out: user_id=%s", current_user.user_id)
    logout_user()
    session.clear()
    return "", 204


@bp.get("/me")
def me():
    if not current_user.is_authenticated:
        raise ApiError("unauthenticated")
    return {"user": user_json(current_user.row)}


def require_user() -> SessionUser:
    if not current_user.is_authenticated:
        raise ApiError("unauthenticated")
    return current_user
