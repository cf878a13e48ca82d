"""Which address the throttle counts: X-Forwarded-For only from a trusted proxy."""

import pytest

from modules.services.security import client_address


@pytest.mark.parametrize("peer,forwarded,trusted,expected", [
    ("203.0.113.7", "1.2.3.4", "", "203.0.113.7"),  # no trusted proxy: the header is ignored
    ("127.0.0.1", None, "", "127.0.0.1"),  # loopback is a client like any other
    ("::1", "9.9.9.9", "", "::1"),
    ("10.0.0.2", "1.2.3.4", "10.0.0.0/8", "1.2.3.4"),  # the trusted proxy says who the client is
    ("10.0.0.2", "6.6.6.6, 1.2.3.4", "10.0.0.2", "1.2.3.4"),  # a client-sent hop before it is ignored
    ("10.0.0.2", "1.2.3.4, 10.0.0.9", "10.0.0.2,10.0.0.9", "1.2.3.4"),  # two trusted proxies in a row
    ("10.0.0.2", "not-an-address", "10.0.0.2", "10.0.0.2"),
    ("10.0.0.3", "1.2.3.4", "10.0.0.2", "10.0.0.3"),  # a proxy not in the list is a client
    (None, "1.2.3.4", "0.0.0.0/0", None),
])
def test_the_client_address_trusts_forwarded_for_only_from_a_configured_proxy(peer, forwarded, trusted, expected):
    assert client_address(peer, forwarded, trusted) == expected
