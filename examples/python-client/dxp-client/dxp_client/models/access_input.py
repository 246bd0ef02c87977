from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.portal_role import PortalRole

T = TypeVar("T", bound="AccessInput")


@_attrs_define
class AccessInput:
    """A person's access in the portal, replaced whole.

    Example:
        {'disabled': False, 'portalRoles': ['general-access', 'commercial-documents']}

    Attributes:
        disabled (bool): Whether they are disabled: still listed, but refused on every request.
        portal_roles (list[PortalRole]): The portal roles they are to have (none for the funder's staff).
    """

    disabled: bool
    portal_roles: list[PortalRole]

    def to_dict(self) -> dict[str, Any]:
        disabled = self.disabled

        portal_roles = []
        for portal_roles_item_data in self.portal_roles:
            portal_roles_item = portal_roles_item_data.value
            portal_roles.append(portal_roles_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "disabled": disabled,
                "portalRoles": portal_roles,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        disabled = d.pop("disabled")

        portal_roles = []
        _portal_roles = d.pop("portalRoles")
        for portal_roles_item_data in _portal_roles:
            portal_roles_item = PortalRole(portal_roles_item_data)

            portal_roles.append(portal_roles_item)

        access_input = cls(
            disabled=disabled,
            portal_roles=portal_roles,
        )

        return access_input
