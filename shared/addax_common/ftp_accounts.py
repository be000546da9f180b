"""FTP upload accounts: the entry syntax of the FTPS_ACCOUNTS setting, account-name and IP allow-list
rules, shared by the settings, the ingestion FTP server and the API's ftp_accounts domain.

Setting syntax, comma-separated entries::

    user:password[:camera name][;plain][;allow=CIDR][;allow=CIDR]...[;project=SLUG]

``;plain`` lets the account log in without TLS (its password then travels in clear text); each
``;allow=`` adds a network (``192.0.2.0/24``, ``198.51.100.7``) the account may log in from
(none = from anywhere); ``;project=`` names the project the account uploads for (default ``default``).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field

IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# Also a directory name (the account's upload folder): no separators, no leading dot.
ACCOUNT_NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
_ACCOUNT_NAME = re.compile(ACCOUNT_NAME_PATTERN)
# Project slugs, as the API accepts them (addax_api.scope.SLUG_PATTERN).
PROJECT_SLUG_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
_SLUG = re.compile(PROJECT_SLUG_PATTERN)
DEFAULT_PROJECT = "default"

CLEARTEXT_WARNING = (
    "Plain FTP is allowed: this account's password and photos travel unencrypted and can be read by "
    "anyone on the network path (mobile operator, Wi-Fi, Internet). Use a unique password, restrict the "
    "IP addresses, and prefer FTPS where the camera supports it."
)


def is_valid_account_name(name: str) -> bool:
    return bool(_ACCOUNT_NAME.match(name))


def parse_networks(values: list[str] | tuple[str, ...]) -> tuple[IpNetwork, ...]:
    """CIDRs (or single addresses) -> networks; ValueError names the bad entry."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError:
            raise ValueError(f"{value!r} is not an IP address or network (CIDR)") from None
    return tuple(networks)


def address_allowed(address: str, allowlist: tuple[IpNetwork, ...]) -> bool:
    if not allowlist:
        return True
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped  # a dual-stack listener reports IPv4 clients as ::ffff:a.b.c.d
    return any(ip.version == net.version and ip in net for net in allowlist)


@dataclass(frozen=True)
class AccountEntry:
    username: str
    password: str
    camera: str | None = None
    allow_plain_ftp: bool = False
    ip_allowlist: tuple[IpNetwork, ...] = field(default=())
    project: str = DEFAULT_PROJECT


def parse_account_entries(text: str) -> list[AccountEntry]:
    entries = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        account, *options = item.split(";")
        user, _, rest = account.partition(":")
        password, _, camera = rest.partition(":")
        if not user or not password:
            raise ValueError(f"FTPS_ACCOUNTS entry {user or item!r} needs user:password")
        plain, allow, project = False, [], DEFAULT_PROJECT
        for option in (o.strip() for o in options):
            if option.lower() == "plain":
                plain = True
            elif option.lower().startswith("allow="):
                allow.append(option.partition("=")[2])
            elif option.lower().startswith("project="):
                project = option.partition("=")[2].strip()
                if not _SLUG.match(project):
                    raise ValueError(f"FTPS_ACCOUNTS entry {user!r}: {project!r} is not a project slug")
            elif option:
                raise ValueError(
                    f"FTPS_ACCOUNTS entry {user!r}: unknown option {option!r} (plain, allow=CIDR, project=SLUG)"
                )
        entries.append(AccountEntry(user, password, camera.strip() or None, plain, parse_networks(allow), project))
    return entries
