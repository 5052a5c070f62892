"""Shared by the browser tests: the WeChat user agent, a staff session cookie for Playwright,
the measured contrast of an element, the screenshot folder and the axe-core run."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

# A WeChat in-app browser on Android, as its WebView reports itself.
WECHAT_UA = (
    "Mozilla/5.0 (Linux; Android 13; V2183A Build/TP1A.220624.014; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 "
    "MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 "
    "Weixin NetType/WIFI Language/zh_CN ABI/arm64"
)
WIDTHS = (375, 768, 1024, 1366)
SCREENSHOTS = Path(settings.BASE_DIR) / "test-results" / "screens"
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def login_cookie(live_server, user) -> dict:
    """A session cookie for `user`, so a browser context starts signed in."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }


# WCAG 2.1 relative luminance; the background is the first opaque one among the ancestors, and a
# translucent text colour is blended onto it.
CONTRAST_JS = """el => {
  const parse = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  let node = el, bg = [255, 255, 255];
  while (node && node.nodeType === 1) {
    const c = parse(getComputedStyle(node).backgroundColor);
    if (c.length >= 3 && (c.length < 4 || c[3] > 0.99)) { bg = c.slice(0, 3); break; }
    node = node.parentElement;
  }
  const c = parse(getComputedStyle(el).color), alpha = c.length > 3 ? c[3] : 1;
  const fg = c.slice(0, 3).map((v, i) => alpha * v + (1 - alpha) * bg[i]);
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


def contrast(locator) -> float:
    return locator.evaluate(CONTRAST_JS)


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA findings on the open page, one line per rule and element."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async tags => {
          const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
          return r.violations.flatMap(v => v.nodes.map(n => v.id + ' ' + n.target.join(' ')));
        }""",
        WCAG_AA,
    )
    return found


def horizontal_overflow(page) -> int:
    """How many pixels the page is wider than the window (0: no sideways scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
