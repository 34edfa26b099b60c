"""Loopback ports for servers a test starts in another process, reserved so that parallel tests never share one."""

from __future__ import annotations

import socket

__all__ = ["reserve_port"]


def reserve_port() -> socket.socket:
    """A socket holding a free loopback port; the port is the test's until the socket is closed."""
    # Bound and held, not listening: the kernel hands the port to no other bind(0) or outgoing connection (another
    # xdist worker's), yet a server that sets SO_REUSEADDR (PostgreSQL, aiohttp, tornado: ours all do) can listen on
    # it. Closing a probe socket and passing its number on leaves a window in which anything else may take the port.
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock
