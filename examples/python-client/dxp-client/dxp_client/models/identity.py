from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Identity")


@_attrs_define
class Identity:
    """The identity the National Student Index knows the learner by: the NSN, verified with the
    date of birth and Name ID Code.

        Example:
            {'dateOfBirth': '2004-05-14', 'nameIdCode': 'SMITJ', 'nationalStudentNumber': 123456789}

        Attributes:
            date_of_birth (datetime.date): The learner's date of birth; the learner is 14 to 100 years old. Example:
                2004-05-14.
            name_id_code (str): The first four letters of the surname and the first initial, upper case (`SMITJ`); a
                shorter surname padded with spaces before the initial (`NG  K`); no first name: the
                first five letters of the surname. Example: SMITJ.
            national_student_number (int): The learner's National Student Number, the same as everywhere else. Example:
                123456789.
            family_name (None | str | Unset): The learner's legal family name (surname). Example: Smith.
            gender_code (None | str | Unset): `M` male, `F` female, `D` another gender. Example: F.
            given_names (None | str | Unset): The learner's legal given names, first name first. Example: Jane Aroha.
    """

    date_of_birth: datetime.date
    name_id_code: str
    national_student_number: int
    family_name: None | str | Unset = UNSET
    gender_code: None | str | Unset = UNSET
    given_names: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        date_of_birth = self.date_of_birth.isoformat()

        name_id_code = self.name_id_code

        national_student_number = self.national_student_number

        family_name: None | str | Unset
        if isinstance(self.family_name, Unset):
            family_name = UNSET
        else:
            family_name = self.family_name

        gender_code: None | str | Unset
        if isinstance(self.gender_code, Unset):
            gender_code = UNSET
        else:
            gender_code = self.gender_code

        given_names: None | str | Unset
        if isinstance(self.given_names, Unset):
            given_names = UNSET
        else:
            given_names = self.given_names

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dateOfBirth": date_of_birth,
                "nameIdCode": name_id_code,
                "nationalStudentNumber": national_student_number,
            }
        )
        if family_name is not UNSET:
            field_dict["familyName"] = family_name
        if gender_code is not UNSET:
            field_dict["genderCode"] = gender_code
        if given_names is not UNSET:
            field_dict["givenNames"] = given_names

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        date_of_birth = datetime.date.fromisoformat(d.pop("dateOfBirth"))

        name_id_code = d.pop("nameIdCode")

        national_student_number = d.pop("nationalStudentNumber")

        def _parse_family_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        family_name = _parse_family_name(d.pop("familyName", UNSET))

        def _parse_gender_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        gender_code = _parse_gender_code(d.pop("genderCode", UNSET))

        def _parse_given_names(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        given_names = _parse_given_names(d.pop("givenNames", UNSET))

        identity = cls(
            date_of_birth=date_of_birth,
            name_id_code=name_id_code,
            national_student_number=national_student_number,
            family_name=family_name,
            gender_code=gender_code,
            given_names=given_names,
        )

        identity.additional_properties = d
        return identity

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
