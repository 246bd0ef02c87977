from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.email_choice_input import EmailChoiceInput


T = TypeVar("T", bound="EmailChoices")


@_attrs_define
class EmailChoices:
    """A person's choices of the kinds they are emailed; kinds not named keep theirs.

    Attributes:
        choices (list[EmailChoiceInput]):
    """

    choices: list[EmailChoiceInput]

    def to_dict(self) -> dict[str, Any]:
        choices = []
        for choices_item_data in self.choices:
            choices_item = choices_item_data.to_dict()
            choices.append(choices_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "choices": choices,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.email_choice_input import EmailChoiceInput  # noqa: PLC0415

        d = dict(src_dict)
        choices = []
        _choices = d.pop("choices")
        for choices_item_data in _choices:
            choices_item = EmailChoiceInput.from_dict(choices_item_data)

            choices.append(choices_item)

        email_choices = cls(
            choices=choices,
        )

        return email_choices
