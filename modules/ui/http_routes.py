"""HTTP routes beside Streamlit: turn a login into an HttpOnly cookie, and clear it.

The Streamlit page authenticates with widgets, then posts a single-use, two-minute
handoff token to /session/complete (a same-origin form, never in the URL). This route
exchanges it for a random session token, whose SHA-256 is stored server-side, and sets
it as an HttpOnly, SameSite=Lax cookie. Page JavaScript can never read the cookie.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from modules.services import auth
from modules.services.context import Services
from modules.ui import resources

COOKIE = "medled_session"
DEVICE_COOKIE = "medled_device"
DEVICE_DAYS = 180


def _services() -> Services:
    return resources.services()


def _same_origin(request: Request) -> bool:
    """CSRF defence: the form must come from this site (or a configured trusted origin)."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin:
        return False
    parts = urlsplit(origin)
    allowed = {request.headers.get("host", "")}
    allowed |= {urlsplit(o.strip()).netloc for o in _services().settings.trusted_origins.split(",") if o.strip()}
    return parts.netloc in allowed


async def complete_login(request: Request):
    if not _same_origin(request):
        return PlainTextResponse("Forbidden", status_code=403)
    form = await request.form()
    token = auth.exchange_handoff(_services(), str(form.get("handoff", "")))
    response = RedirectResponse("/", status_code=303)
    if token:
        s = _services().settings
        response.set_cookie(COOKIE, token, max_age=s.session_hours * 3600, httponly=True,
                            samesite="lax", secure=s.cookie_secure, path="/")
        device = auth.remember_device(_services(), token, request.cookies.get(DEVICE_COOKIE))
        if device:
            response.set_cookie(DEVICE_COOKIE, device, max_age=DEVICE_DAYS * 86400, httponly=True,
                                samesite="lax", secure=s.cookie_secure, path="/")
    return response


async def logout(request: Request):
    if not _same_origin(request):
        return PlainTextResponse("Forbidden", status_code=403)
    auth.logout(_services(), request.cookies.get(COOKIE))
    form = await request.form()
    notice = "password_changed" if form.get("notice") == "account.password_changed" else "logged_out"
    response = RedirectResponse(f"/?notice={notice}", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


async def calendar_feed(request: Request):
    """A cohort's calendar subscription: text/calendar for a valid token, 404 otherwise."""
    from modules.services import calendar

    body = calendar.calendar_for_token(_services(), request.path_params.get("token", ""))
    if body is None:
        return PlainTextResponse("Not found", status_code=404)
    return Response(body, media_type="text/calendar; charset=utf-8",
                    headers={"Cache-Control": "no-store", "Content-Disposition": 'inline; filename="medled.ics"'})


async def manager_guide(request: Request):
    """The one-page guide for a participant's manager, as a printable page, for a logged-in user
    (the login cookie). A link from the home page: a download button there cost its first draw
    ~0.1 s in the browser, and the guide is the same for everyone in a language."""
    from modules.exports.manager_guide import manager_guide_document
    from modules.i18n import LANGUAGES, catalog

    svc = _services()
    lang = request.path_params.get("lang", "")
    guide = svc.program.extras.manager_guide.get(lang) if lang in LANGUAGES else None
    if guide is None or auth.actor_for_token(svc, request.cookies.get(COOKIE)) is None:
        return PlainTextResponse("Not found", status_code=404)
    filename = catalog(lang)["contentapp.guide.filename"]
    return Response(manager_guide_document(guide, lang), media_type="text/html; charset=utf-8",
                    headers={"Cache-Control": "private, no-store",
                             "Content-Disposition": f'attachment; filename="{filename}"'})


async def health(_request: Request):
    return JSONResponse({"status": "ok"})


ROUTES = [
    Route("/session/complete", complete_login, methods=["POST"]),
    Route("/session/logout", logout, methods=["POST"]),
    Route("/medled/health", health, methods=["GET"]),
    Route("/calendar/{token}.ics", calendar_feed, methods=["GET"]),
    Route("/guide/manager-{lang}.html", manager_guide, methods=["GET"]),
]
