from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.portal_role import PortalRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="PersonView")


@_attrs_define
class PersonView:
    """A person as DXP knows them.

    Example:
        {'accessChangedAt': None, 'accessChangedBy': None, 'disabled': False, 'email': 'ana.ngata@teo.example.nz',
            'mobile': None, 'name': 'Ana Ngata', 'organisation': 6004, 'phone': '04 123 4567', 'portalRoles': ['general-
            access'], 'roles': ['teo-submitter'], 'subject': 'ana.ngata'}

    Attributes:
        disabled (bool): Disabled people stay listed but are refused on every request and told nothing.
        portal_roles (list[PortalRole]): What they may see and do in the portal, as their organisation's user settings
            admin
            (or the funder) granted it.
        roles (list[str]): The API roles of the latest sign-in.
        subject (str): The token's subject.
        access_changed_at (datetime.datetime | None | Unset):
        access_changed_by (None | str | Unset): Who last changed their portal roles or disabled or enabled them, and
            when.
        email (None | str | Unset): From the identity provider (the token's `email`); notices are emailed here.
        mobile (None | str | Unset):
        name (None | str | Unset): From the identity provider (the token's `name`).
        organisation (int | None | Unset): The EDUMIS number; `null` for the funder's staff.
        phone (None | str | Unset):
    """

    disabled: bool
    portal_roles: list[PortalRole]
    roles: list[str]
    subject: str
    access_changed_at: datetime.datetime | None | Unset = UNSET
    access_changed_by: None | str | Unset = UNSET
    email: None | str | Unset = UNSET
    mobile: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    organisation: int | None | Unset = UNSET
    phone: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        disabled = self.disabled

        portal_roles = []
        for portal_roles_item_data in self.portal_roles:
            portal_roles_item = portal_roles_item_data.value
            portal_roles.append(portal_roles_item)

        roles = self.roles

        subject = self.subject

        access_changed_at: None | str | Unset
        if isinstance(self.access_changed_at, Unset):
            access_changed_at = UNSET
        elif isinstance(self.access_changed_at, datetime.datetime):
            access_changed_at = self.access_changed_at.isoformat()
        else:
            access_changed_at = self.access_changed_at

        access_changed_by: None | str | Unset
        if isinstance(self.access_changed_by, Unset):
            access_changed_by = UNSET
        else:
            access_changed_by = self.access_changed_by

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        mobile: None | str | Unset
        if isinstance(self.mobile, Unset):
            mobile = UNSET
        else:
            mobile = self.mobile

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        organisation: int | None | Unset
        if isinstance(self.organisation, Unset):
            organisation = UNSET
        else:
            organisation = self.organisation

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "disabled": disabled,
                "portalRoles": portal_roles,
                "roles": roles,
                "subject": subject,
            }
        )
        if access_changed_at is not UNSET:
            field_dict["accessChangedAt"] = access_changed_at
        if access_changed_by is not UNSET:
            field_dict["accessChangedBy"] = access_changed_by
        if email is not UNSET:
            field_dict["email"] = email
        if mobile is not UNSET:
            field_dict["mobile"] = mobile
        if name is not UNSET:
            field_dict["name"] = name
        if organisation is not UNSET:
            field_dict["organisation"] = organisation
        if phone is not UNSET:
            field_dict["phone"] = phone

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

        roles = cast(list[str], d.pop("roles"))

        subject = d.pop("subject")

        def _parse_access_changed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                access_changed_at_type_0 = datetime.datetime.fromisoformat(data)

                return access_changed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        access_changed_at = _parse_access_changed_at(d.pop("accessChangedAt", UNSET))

        def _parse_access_changed_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        access_changed_by = _parse_access_changed_by(d.pop("accessChangedBy", UNSET))

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_mobile(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        mobile = _parse_mobile(d.pop("mobile", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_organisation(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        organisation = _parse_organisation(d.pop("organisation", UNSET))

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        person_view = cls(
            disabled=disabled,
            portal_roles=portal_roles,
            roles=roles,
            subject=subject,
            access_changed_at=access_changed_at,
            access_changed_by=access_changed_by,
            email=email,
            mobile=mobile,
            name=name,
            organisation=organisation,
            phone=phone,
        )

        person_view.additional_properties = d
        return person_view

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
