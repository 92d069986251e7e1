"""The security headers are on every answer: API, errors, the app's files."""

import pytest

HEADERS = {
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=()",
}


@pytest.fixture
def site(make_app, tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>app</title>")
    (tmp_path / "assets" / "app.js").write_text("console.log('app');")
    app = make_app(FRONTEND_DIST=tmp_path, PROPAGATE_EXCEPTIONS=False)

    @app.get("/boom")
    def boom():
        raise RuntimeError("an unexpected failure")

    return app.test_client()


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/api/genres", 200),
        ("get", "/api/auth/me", 401),
        ("get", "/api/no-such-thing", 404),
        ("put", "/api/genres", 405),
        ("post", "/api/no-such-thing", 404),
        ("post", "/api//bookings", 415),
        ("get", "/api/auth/logout", 405),
        ("post", "/api/auth/login", 415),
        ("get", "/", 200),
        ("get", "/performances/12", 200),
        ("get", "/assets/app.js", 200),
        ("get", "/boom", 500),
    ],
)
def test_every_answer_carries_the_security_headers(site, method, path, status):
    response = getattr(site, method)(path)

    assert response.status_code == status
    for name, expected in HEADERS.items():
        assert expected in response.headers.get(name, ""), name


def test_api_answers_are_never_cached(site):
    assert site.get("/api/genres").headers["Cache-Control"] == "no-store"
    assert site.get("/api/auth/me").headers["Cache-Control"] == "no-store"


def test_an_unexpected_error_tells_nothing_of_its_cause(site):
    response = site.get("/boom")

    assert response.json == {
        "error": {
            "code": "internal_error",
            "message": "Something went wrong on our side.",
        }
    }
