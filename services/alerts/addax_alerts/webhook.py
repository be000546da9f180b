"""The Alertmanager webhook (the `webhook` loop): `POST /alertmanager` on ALERTS_WEBHOOK_PORT.

A small stdlib HTTP server in a thread: Alertmanager is its only client and posts rarely. The body is
Alertmanager's webhook payload (version 4) and the request must carry `Authorization: Bearer
<ALERTMANAGER_WEBHOOK_TOKEN>` (compared in constant time). Answers are JSON: 200 once recorded; 400
for a body that is not JSON, 401 without the token, 413 past MAX_BODY, 422 naming the field of a
payload that is not version 4, 503 when the database is unreachable (Alertmanager retries a 5xx).
"""

from __future__ import annotations

import hmac
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from pydantic import ValidationError
from sqlalchemy.exc import SQLAlchemyError

from addax_alerts import system
from addax_alerts.metrics import WEBHOOK_REQUESTS
from addax_common.context import ServiceContext
from addax_common.logging import get_logger

log = get_logger(__name__)
PATH = "/alertmanager"
MAX_BODY = 1024 * 1024  # Alertmanager's max_alerts keeps real payloads far below this


@dataclass
class Answer:
    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


def authorized(header: str | None, token: str) -> bool:
    scheme, _, given = (header or "").partition(" ")
    # compare_digest on bytes: constant time for any input, and a non-ASCII header cannot raise.
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


def field_errors(exc: ValidationError) -> list[dict[str, str]]:
    return [{"field": ".".join(str(part) for part in error["loc"]) or "body", "message": error["msg"]}
            for error in exc.errors()]


class WebhookApp:
    """The request logic, apart from the HTTP plumbing."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.token = ctx.settings.alertmanager_webhook_token

    def handle(self, method: str, path: str, authorization: str | None, body: bytes | None) -> Answer:
        answer = self._answer(method, path, authorization, body)
        WEBHOOK_REQUESTS.labels(str(answer.status)).inc()
        return answer

    def _answer(self, method: str, path: str, authorization: str | None, body: bytes | None) -> Answer:
        if path.split("?", 1)[0] != PATH:
            return Answer(404, {"detail": f"not found; Alertmanager posts to {PATH}"})
        if method != "POST":
            return Answer(405, {"detail": "method not allowed; use POST"}, {"Allow": "POST"})
        if not authorized(authorization, self.token):
            log.warning("alertmanager_webhook_unauthorized")
            return Answer(401, {"detail": "missing or wrong bearer token"}, {"WWW-Authenticate": "Bearer"})
        if body is None:
            return Answer(413, {"detail": f"body larger than {MAX_BODY} bytes"})
        try:
            document = json.loads(body)
        except ValueError:
            return Answer(400, {"detail": "the body is not JSON"})
        if not isinstance(document, dict):
            return Answer(400, {"detail": "the body must be a JSON object (Alertmanager's webhook payload)"})
        try:
            payload = system.AlertmanagerPayload.model_validate(document)
        except ValidationError as exc:
            return Answer(422, {"detail": field_errors(exc)})
        try:
            fired = system.receive(self.ctx, payload)
        except SQLAlchemyError as exc:
            log.error("alertmanager_webhook_failed", error=str(exc)[:300])
            return Answer(503, {"detail": "database unavailable; retry later"})
        return Answer(200, {"received": len(payload.alerts), "alert_ids": [item.log_id for item in fired]})


class WebhookServer:
    def __init__(self, ctx: ServiceContext, port: int, host: str = "0.0.0.0") -> None:  # noqa: S104 - compose network only
        app = WebhookApp(ctx)

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                body: bytes | None = b""
                try:
                    length = int(self.headers.get("Content-Length") or 0)
                except ValueError:
                    length = -1
                if length > MAX_BODY:
                    body = None
                elif length > 0:
                    body = self.rfile.read(length)
                answer = app.handle(self.command, self.path, self.headers.get("Authorization"), body)
                data = json.dumps(answer.body).encode()
                self.send_response(answer.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                if body is None:
                    self.send_header("Connection", "close")  # the unread body must not be parsed as a request
                    self.close_connection = True
                self.end_headers()
                self.wfile.write(data)

            do_POST = do_GET = do_PUT = do_DELETE = do_PATCH = _serve

            def log_message(self, *args: object) -> None:
                pass  # structlog lines come from the app; no stderr access log

        self.server = ThreadingHTTPServer((host, port), Handler)
        self.server.daemon_threads = True
        self.port: int = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, name="alertmanager-webhook", daemon=True)

    def start(self) -> WebhookServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
