"""Fetching an article by URL for ``--allow-fetch``: public addresses only, bounded size and time.

Every host is resolved first and refused when any of its addresses is private,
loopback, link-local, multicast, reserved or unspecified (IPv4 and IPv6, IPv4-mapped
included); the connection then goes to the address that was checked (so a second DNS
answer cannot swap it), and each redirect (at most :data:`MAX_REDIRECTS`) is checked the
same way. Only ``http`` and ``https`` on any port; bodies over ``max_bytes`` and
fetches over ``timeout_s`` in all are refused.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from claimgraph.errors import InputError

__all__ = ["MAX_REDIRECTS", "FetchError", "Fetched", "fetch_url", "public_address"]

MAX_REDIRECTS = 5
Resolver = Callable[[str, int], list[str]]


class FetchError(InputError):
    """A URL that may not or cannot be fetched."""


@dataclass(frozen=True)
class Fetched:
    url: str
    content_type: str
    body: bytes


def public_address(address: str) -> bool:
    """True for a globally routable unicast address (never private, loopback, link-local, …)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def _resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host!r}: {exc}") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def fetch_url(
    url: str,
    *,
    max_bytes: int,
    timeout_s: float,
    resolve: Resolver = _resolve,
    allowed: Callable[[str], bool] = public_address,
) -> Fetched:
    """The body of ``url`` (after redirects), or :class:`FetchError` saying why not."""
    deadline = time.monotonic() + timeout_s
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"only http and https URLs can be fetched (got {url[:200]!r})")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise FetchError(f"bad port in {url[:200]!r}") from None
        addresses = resolve(parts.hostname, port)
        if not addresses:
            raise FetchError(f"cannot resolve {parts.hostname!r}")
        refused = [a for a in addresses if not allowed(a)]
        if refused:
            raise FetchError(f"{parts.hostname} resolves to a non-public address ({refused[0]}): not fetched")
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchError(f"fetching {url[:200]} took over {timeout_s:g} s")
        kind = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
        conn = kind(parts.hostname, addresses[0], port, left)
        try:
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            conn.request("GET", path, headers={"User-Agent": "claimgraph", "Accept": "text/html, text/plain"})
            response = conn.getresponse()
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                if not location:
                    raise FetchError(f"{url[:200]}: redirect without a Location")
                url = urljoin(url, location)
                continue
            if response.status != 200:
                raise FetchError(f"{url[:200]}: the server answered {response.status}")
            declared = response.getheader("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"{url[:200]}: over the limit of {max_bytes:,} bytes")
            body = bytearray()
            while chunk := response.read1(65536):
                body += chunk
                if len(body) > max_bytes:
                    raise FetchError(f"{url[:200]}: over the limit of {max_bytes:,} bytes")
                if time.monotonic() > deadline:
                    raise FetchError(f"fetching {url[:200]} took over {timeout_s:g} s")
            return Fetched(url, response.getheader("Content-Type") or "", bytes(body))
        except (OSError, http.client.HTTPException) as exc:
            if isinstance(exc, TimeoutError | socket.timeout):
                raise FetchError(f"fetching {url[:200]} took over {timeout_s:g} s") from None
            raise FetchError(f"cannot fetch {url[:200]}: {exc}") from None
        finally:
            conn.close()
    raise FetchError(f"{url[:200]}: more than {MAX_REDIRECTS} redirects")
