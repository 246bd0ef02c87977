from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.notice_kind import NoticeKind

T = TypeVar("T", bound="EmailChoice")


@_attrs_define
class EmailChoice:
    """Whether the person is emailed one kind of notice.

    Attributes:
        description (str): What it is, in the words the settings page shows.
        emailed (bool):
        kind (NoticeKind): What a notice is about. Each person chooses, kind by kind, which they are also emailed.
    """

    description: str
    emailed: bool
    kind: NoticeKind
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        emailed = self.emailed

        kind = self.kind.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "description": description,
                "emailed": emailed,
                "kind": kind,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        description = d.pop("description")

        emailed = d.pop("emailed")

        kind = NoticeKind(d.pop("kind"))

        email_choice = cls(
            description=description,
            emailed=emailed,
            kind=kind,
        )

        email_choice.additional_properties = d
        return email_choice

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
