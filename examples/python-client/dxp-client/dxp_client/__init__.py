"""A client library for accessing DXP — data exchange for tertiary education returns"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
