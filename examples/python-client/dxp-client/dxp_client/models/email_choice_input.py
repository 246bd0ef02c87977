from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.notice_kind import NoticeKind

T = TypeVar("T", bound="EmailChoiceInput")


@_attrs_define
class EmailChoiceInput:
    """One choice.

    Attributes:
        emailed (bool):
        kind (NoticeKind): What a notice is about. Each person chooses, kind by kind, which they are also emailed.
    """

    emailed: bool
    kind: NoticeKind

    def to_dict(self) -> dict[str, Any]:
        emailed = self.emailed

        kind = self.kind.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "emailed": emailed,
                "kind": kind,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        emailed = d.pop("emailed")

        kind = NoticeKind(d.pop("kind"))

        email_choice_input = cls(
            emailed=emailed,
            kind=kind,
        )

        return email_choice_input
