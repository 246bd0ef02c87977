from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.nzqa_result_kind import NzqaResultKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="NzqaResultEntry")


@_attrs_define
class NzqaResultEntry:
    """One result NZQA reported for a learner, loaded by the funder: what DXP counts work-based
    credits achieved and programme completions from (domain spec §4, §6.2).

        Attributes:
            achieved_on (datetime.date): The day it was achieved or awarded. Example: 2026-05-14.
            code (str): The unit standard's number, or the qualification's code. Example: 29677.
            kind (NzqaResultKind): What an NZQA result reports.
            national_student_number (int):  Example: 123456789.
            credits_ (int | None | Unset): The unit standard's credits (1 to 999); absent for a qualification. Example: 4.
    """

    achieved_on: datetime.date
    code: str
    kind: NzqaResultKind
    national_student_number: int
    credits_: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        achieved_on = self.achieved_on.isoformat()

        code = self.code

        kind = self.kind.value

        national_student_number = self.national_student_number

        credits_: int | None | Unset
        if isinstance(self.credits_, Unset):
            credits_ = UNSET
        else:
            credits_ = self.credits_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "achievedOn": achieved_on,
                "code": code,
                "kind": kind,
                "nationalStudentNumber": national_student_number,
            }
        )
        if credits_ is not UNSET:
            field_dict["credits"] = credits_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        achieved_on = datetime.date.fromisoformat(d.pop("achievedOn"))

        code = d.pop("code")

        kind = NzqaResultKind(d.pop("kind"))

        national_student_number = d.pop("nationalStudentNumber")

        def _parse_credits_(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        credits_ = _parse_credits_(d.pop("credits", UNSET))

        nzqa_result_entry = cls(
            achieved_on=achieved_on,
            code=code,
            kind=kind,
            national_student_number=national_student_number,
            credits_=credits_,
        )

        return nzqa_result_entry
