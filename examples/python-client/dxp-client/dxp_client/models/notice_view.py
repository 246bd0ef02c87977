from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.notice_kind import NoticeKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="NoticeView")


@_attrs_define
class NoticeView:
    """A notice: something that happened that concerns the person's organisation.

    Attributes:
        body (str): What happened and what to do, in plain words.
        created_at (datetime.datetime):
        id (str):
        kind (NoticeKind): What a notice is about. Each person chooses, kind by kind, which they are also emailed.
        link (str): The portal page it is about.
        title (str):
        read_at (datetime.datetime | None | Unset): When the person marked it read; `null` while unread.
    """

    body: str
    created_at: datetime.datetime
    id: str
    kind: NoticeKind
    link: str
    title: str
    read_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        created_at = self.created_at.isoformat()

        id = self.id

        kind = self.kind.value

        link = self.link

        title = self.title

        read_at: None | str | Unset
        if isinstance(self.read_at, Unset):
            read_at = UNSET
        elif isinstance(self.read_at, datetime.datetime):
            read_at = self.read_at.isoformat()
        else:
            read_at = self.read_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "body": body,
                "createdAt": created_at,
                "id": id,
                "kind": kind,
                "link": link,
                "title": title,
            }
        )
        if read_at is not UNSET:
            field_dict["readAt"] = read_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        body = d.pop("body")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        id = d.pop("id")

        kind = NoticeKind(d.pop("kind"))

        link = d.pop("link")

        title = d.pop("title")

        def _parse_read_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                read_at_type_0 = datetime.datetime.fromisoformat(data)

                return read_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        read_at = _parse_read_at(d.pop("readAt", UNSET))

        notice_view = cls(
            body=body,
            created_at=created_at,
            id=id,
            kind=kind,
            link=link,
            title=title,
            read_at=read_at,
        )

        notice_view.additional_properties = d
        return notice_view

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
