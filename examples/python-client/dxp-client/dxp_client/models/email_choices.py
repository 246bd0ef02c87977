from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.document_type_choice_input import DocumentTypeChoiceInput
    from ..models.email_choice_input import EmailChoiceInput


T = TypeVar("T", bound="EmailChoices")


@_attrs_define
class EmailChoices:
    """A person's choices of what they are emailed about; kinds and types not named keep theirs.

    Attributes:
        choices (list[EmailChoiceInput] | Unset): Kinds of notice not about a document.
        daily_digest (bool | None | Unset): `true`: one email a day (after 7 am in New Zealand) with everything chosen
            above,
            instead of a message each time; absent keeps the choice.
        document_types (list[DocumentTypeChoiceInput] | Unset): The types of document the person is emailed about when
            the funder makes one available.
    """

    choices: list[EmailChoiceInput] | Unset = UNSET
    daily_digest: bool | None | Unset = UNSET
    document_types: list[DocumentTypeChoiceInput] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        choices: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.choices, Unset):
            choices = []
            for choices_item_data in self.choices:
                choices_item = choices_item_data.to_dict()
                choices.append(choices_item)

        daily_digest: bool | None | Unset
        if isinstance(self.daily_digest, Unset):
            daily_digest = UNSET
        else:
            daily_digest = self.daily_digest

        document_types: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.document_types, Unset):
            document_types = []
            for document_types_item_data in self.document_types:
                document_types_item = document_types_item_data.to_dict()
                document_types.append(document_types_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if choices is not UNSET:
            field_dict["choices"] = choices
        if daily_digest is not UNSET:
            field_dict["dailyDigest"] = daily_digest
        if document_types is not UNSET:
            field_dict["documentTypes"] = document_types

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.document_type_choice_input import DocumentTypeChoiceInput  # noqa: PLC0415
        from ..models.email_choice_input import EmailChoiceInput  # noqa: PLC0415

        d = dict(src_dict)
        _choices = d.pop("choices", UNSET)
        choices: list[EmailChoiceInput] | Unset = UNSET
        if _choices is not UNSET:
            choices = []
            for choices_item_data in _choices:
                choices_item = EmailChoiceInput.from_dict(choices_item_data)

                choices.append(choices_item)

        def _parse_daily_digest(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        daily_digest = _parse_daily_digest(d.pop("dailyDigest", UNSET))

        _document_types = d.pop("documentTypes", UNSET)
        document_types: list[DocumentTypeChoiceInput] | Unset = UNSET
        if _document_types is not UNSET:
            document_types = []
            for document_types_item_data in _document_types:
                document_types_item = DocumentTypeChoiceInput.from_dict(document_types_item_data)

                document_types.append(document_types_item)

        email_choices = cls(
            choices=choices,
            daily_digest=daily_digest,
            document_types=document_types,
        )

        return email_choices
