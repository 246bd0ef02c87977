from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.notice_kind import NoticeKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookView")


@_attrs_define
class WebhookView:
    """A webhook: a URL of an organisation and the kinds of event it is sent.

    Attributes:
        created_at (datetime.datetime):
        created_by (str): The token subject that made it.
        event_types (list[NoticeKind]):
        id (str):  Example: 3f0c2a9e-6d1b-4b7a-9a53-0c8f1e2d4b6a.
        organisation (int): The organisation's EDUMIS number. Example: 6004.
        url (str):
        secret (None | str | Unset): The signing secret: only in the answer to making the webhook or rotating its
            secret.
            Keep it where the receiver can read it: DXP never shows it again. Example:
            whsec_5c1d0e6f4b3a29187766554433221100ffeeddccbbaa99887766554433221100.
        secret_rotated_at (datetime.datetime | None | Unset): When its secret was last replaced; `null` if never.
    """

    created_at: datetime.datetime
    created_by: str
    event_types: list[NoticeKind]
    id: str
    organisation: int
    url: str
    secret: None | str | Unset = UNSET
    secret_rotated_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        created_by = self.created_by

        event_types = []
        for event_types_item_data in self.event_types:
            event_types_item = event_types_item_data.value
            event_types.append(event_types_item)

        id = self.id

        organisation = self.organisation

        url = self.url

        secret: None | str | Unset
        if isinstance(self.secret, Unset):
            secret = UNSET
        else:
            secret = self.secret

        secret_rotated_at: None | str | Unset
        if isinstance(self.secret_rotated_at, Unset):
            secret_rotated_at = UNSET
        elif isinstance(self.secret_rotated_at, datetime.datetime):
            secret_rotated_at = self.secret_rotated_at.isoformat()
        else:
            secret_rotated_at = self.secret_rotated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "createdAt": created_at,
                "createdBy": created_by,
                "eventTypes": event_types,
                "id": id,
                "organisation": organisation,
                "url": url,
            }
        )
        if secret is not UNSET:
            field_dict["secret"] = secret
        if secret_rotated_at is not UNSET:
            field_dict["secretRotatedAt"] = secret_rotated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        created_by = d.pop("createdBy")

        event_types = []
        _event_types = d.pop("eventTypes")
        for event_types_item_data in _event_types:
            event_types_item = NoticeKind(event_types_item_data)

            event_types.append(event_types_item)

        id = d.pop("id")

        organisation = d.pop("organisation")

        url = d.pop("url")

        def _parse_secret(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        secret = _parse_secret(d.pop("secret", UNSET))

        def _parse_secret_rotated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                secret_rotated_at_type_0 = datetime.datetime.fromisoformat(data)

                return secret_rotated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        secret_rotated_at = _parse_secret_rotated_at(d.pop("secretRotatedAt", UNSET))

        webhook_view = cls(
            created_at=created_at,
            created_by=created_by,
            event_types=event_types,
            id=id,
            organisation=organisation,
            url=url,
            secret=secret,
            secret_rotated_at=secret_rotated_at,
        )

        webhook_view.additional_properties = d
        return webhook_view

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
