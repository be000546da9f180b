from typing import Annotated

from fastapi import APIRouter, Cookie, Depends, Request, Response, status
from fastapi.responses import JSONResponse

from addax_api.auth import service
from addax_api.auth.schemas import LoginRequest, TokenResponse
from addax_api.auth.throttle import LoginThrottle
from addax_api.deps import get_ctx, get_settings
from addax_api.errors import Unauthorized, error_responses
from addax_api.security import ViewerUser
from addax_api.uow import UoW
from addax_api.users.schemas import UserOut
from addax_common.context import ServiceContext
from addax_common.settings import Settings

REFRESH_COOKIE = "addax_refresh"
REFRESH_COOKIE_PATH = "/api/auth"

router = APIRouter(prefix="/api/auth", tags=["auth"])

RefreshCookie = Annotated[
    str | None, Cookie(alias=REFRESH_COOKIE, max_length=200, description="httpOnly refresh token cookie")
]


def _set_refresh_cookie(response: Response, settings: Settings, raw: str) -> None:
    response.set_cookie(
        REFRESH_COOKIE,
        raw,
        max_age=settings.refresh_token_ttl_seconds,
        path=REFRESH_COOKIE_PATH,
        httponly=True,
        secure=settings.cookie_secure,
        samesite="strict",
    )


def _clear_refresh_cookie(response: Response, settings: Settings) -> None:
    response.delete_cookie(
        REFRESH_COOKIE, path=REFRESH_COOKIE_PATH, httponly=True, secure=settings.cookie_secure, samesite="strict"
    )


@router.post(
    "/login",
    name="login",
    summary="Log in with e-mail and password",
    description="Returns a short-lived access token and sets the rotating refresh token as an httpOnly cookie "
    f"(`{REFRESH_COOKIE}`, SameSite=Strict, Path={REFRESH_COOKIE_PATH}).",
    responses=error_responses(401, 429),
)
def login(
    body: LoginRequest,
    request: Request,
    response: Response,
    uow: UoW,
    ctx: Annotated[ServiceContext, Depends(get_ctx)],
    settings: Annotated[Settings, Depends(get_settings)],
) -> TokenResponse:
    throttle = LoginThrottle(ctx.redis, settings)
    session = service.login(uow.db, settings, throttle, uow.actor, body.email, body.password)
    _set_refresh_cookie(response, settings, session.refresh_token)
    return session.response


@router.post(
    "/refresh",
    response_model=TokenResponse,
    name="refresh",
    summary="Exchange the refresh cookie for a new access token (rotates the cookie)",
    responses=error_responses(401),
)
def refresh(
    response: Response,
    uow: UoW,
    settings: Annotated[Settings, Depends(get_settings)],
    refresh_token: RefreshCookie = None,
) -> TokenResponse | JSONResponse:
    try:
        session = service.refresh(uow.db, settings, uow.actor, refresh_token)
    except Unauthorized as exc:
        failed = JSONResponse({"detail": exc.detail}, status_code=401, headers=exc.headers)
        _clear_refresh_cookie(failed, settings)
        return failed
    _set_refresh_cookie(response, settings, session.refresh_token)
    return session.response


@router.post(
    "/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    name="logout",
    summary="Revoke the refresh token (and its whole family) and clear the cookie",
)
def logout(
    uow: UoW,
    settings: Annotated[Settings, Depends(get_settings)],
    refresh_token: RefreshCookie = None,
) -> Response:
    service.logout(uow.db, uow.actor, refresh_token)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    _clear_refresh_cookie(response, settings)
    return response


@router.get("/me", name="me", summary="The logged-in user", responses=error_responses(401))
def me(user: ViewerUser) -> UserOut:
    return UserOut.model_validate(user)
