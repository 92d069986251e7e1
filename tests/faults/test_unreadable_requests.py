"""Requests gunicorn cannot read are answered before the app sees them;
the answers are the catalog's JSON errors, like every other error of the
API, not gunicorn's HTML page (api/serving.py). A body it gives up reading
once the app has begun is a 400 too, not a 500 (api/validation.py)."""

import socket

import requests

from tests.faults.conftest import start_api

TOO_LARGE = [
    ({"params": {"q": "x" * 5000}}, 414, "url_too_long"),
    ({"headers": {f"X-Filler-{n}": "y" for n in range(120)}}, 431, "headers_too_large"),
    ({"headers": {"X-Big": "z" * 9000}}, 431, "headers_too_large"),
]


def raw_answer(base: str, request: bytes) -> bytes:
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=15) as conn:
        conn.sendall(request)
        answer = b""
        while chunk := conn.recv(4096):
            answer += chunk
    return answer


def test_requests_gunicorn_cannot_read_get_json_errors(database, tmp_path):
    api = start_api(database, tmp_path, workers=1)
    try:
        for request_kwargs, status, code in TOO_LARGE:
            url = f"{api.base}/api/search"
            response = requests.get(url, timeout=15, **request_kwargs)

            assert response.status_code == status, code
            assert response.headers["Content-Type"] == "application/json"
            error = response.json()["error"]
            assert set(error) == {"code", "message"}
            assert error["code"] == code
            assert error["message"].endswith(".")

        answer = raw_answer(api.base, b"GET /api/health HTTP/1.1 extra\r\n\r\n")

        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 400 ")
        assert b"Content-Type: application/json" in head
        assert body == (
            b'{"error":{"code":"malformed_request",'
            b'"message":"The request could not be read as HTTP."}}'
        )
        answer = raw_answer(
            api.base,
            b"POST /api/auth/login HTTP/1.1\r\nHost: x\r\n"
            b"Transfer-Encoding: bogus\r\nConnection: close\r\n\r\n",
        )

        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 501 Not Implemented\r\n")
        assert b'"code":"malformed_request"' in body

        # Bodies gunicorn gives up reading part way, once the app has begun.
        for chunked in (b"ZZ\r\n", b"-2\r\n{}\r\n0\r\n\r\n", b"2\r\n{}XX0\r\n\r\n"):
            answer = raw_answer(
                api.base,
                b"POST /api/auth/login HTTP/1.1\r\nHost: x\r\n"
                b"Content-Type: application/json\r\n"
                b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunked,
            )

            head, _, body = answer.partition(b"\r\n\r\n")
            assert head.startswith(b"HTTP/1.1 400 "), chunked
            assert b'"code":"malformed_request"' in body, chunked

        assert requests.get(f"{api.base}/api/health", timeout=15).status_code == 200
        assert "Traceback" not in api.log_file.read_text()
    finally:
        api.process.terminate()
        api.process.wait(timeout=30)
