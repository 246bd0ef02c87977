from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.document_type_choice import DocumentTypeChoice
    from ..models.email_choice import EmailChoice


T = TypeVar("T", bound="EmailPreferences")


@_attrs_define
class EmailPreferences:
    """What a person is emailed about: each kind of notice and each type of document, with their
    choice or its default.

        Attributes:
            choices (list[EmailChoice]): Kinds of notice not about a document.
            daily_digest (bool): One email a day with all of it, instead of a message each time (default false).
            document_types (list[DocumentTypeChoice]): Documents made available, by type (all emailed unless chosen
                otherwise).
    """

    choices: list[EmailChoice]
    daily_digest: bool
    document_types: list[DocumentTypeChoice]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        choices = []
        for choices_item_data in self.choices:
            choices_item = choices_item_data.to_dict()
            choices.append(choices_item)

        daily_digest = self.daily_digest

        document_types = []
        for document_types_item_data in self.document_types:
            document_types_item = document_types_item_data.to_dict()
            document_types.append(document_types_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "choices": choices,
                "dailyDigest": daily_digest,
                "documentTypes": document_types,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.document_type_choice import DocumentTypeChoice  # noqa: PLC0415
        from ..models.email_choice import EmailChoice  # noqa: PLC0415

        d = dict(src_dict)
        choices = []
        _choices = d.pop("choices")
        for choices_item_data in _choices:
            choices_item = EmailChoice.from_dict(choices_item_data)

            choices.append(choices_item)

        daily_digest = d.pop("dailyDigest")

        document_types = []
        _document_types = d.pop("documentTypes")
        for document_types_item_data in _document_types:
            document_types_item = DocumentTypeChoice.from_dict(document_types_item_data)

            document_types.append(document_types_item)

        email_preferences = cls(
            choices=choices,
            daily_digest=daily_digest,
            document_types=document_types,
        )

        email_preferences.additional_properties = d
        return email_preferences

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
