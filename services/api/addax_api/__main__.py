"""`python -m addax_api`: run the API with uvicorn on settings.api_host:api_port."""

from __future__ import annotations

import uvicorn

from addax_common.logging import configure_logging
from addax_common.settings import get_settings


def main() -> None:
    settings = get_settings()
    configure_logging("api", settings.log_level)
    from addax_api.main import create_app

    uvicorn.run(
        create_app(settings),
        host=settings.api_host,
        port=settings.api_port,
        # Behind nginx the client address comes from X-Forwarded-For; uvicorn trusts it only from
        # FORWARDED_ALLOW_IPS (default 127.0.0.1), so rate limits and audit rows see the real client.
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
        # Our own middleware logs every request as JSON, without query strings: uvicorn's access log
        # would write the WebSocket `?token=` and media signatures into the logs.
        access_log=False,
        log_config=None,
        ws_ping_interval=20,
        ws_ping_timeout=20,
    )


if __name__ == "__main__":
    main()
