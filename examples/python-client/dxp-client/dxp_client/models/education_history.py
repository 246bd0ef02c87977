from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="EducationHistory")


@_attrs_define
class EducationHistory:
    """The learner's schooling and study before the training, as the SDR learner file reports it.

    Example:
        {'firstYearOfTertiaryStudy': 2023, 'highestSecondarySchoolQualification': '24', 'lastYearAtSecondarySchool':
            2021, 'priorActivityCode': '05', 'secondarySchoolCode': 43}

    Attributes:
        first_year_of_tertiary_study (int | None | Unset): The year (CCYY) the learner first studied at tertiary level
            in New Zealand. Example: 2023.
        highest_secondary_school_qualification (None | str | Unset): The learner's highest secondary school
            qualification, a code of the SDR's list (`24`
            NCEA Level 2). Example: 24.
        last_year_at_secondary_school (int | None | Unset): The last year (CCYY) the learner was at secondary school.
            Example: 2021.
        prior_activity_code (None | str | Unset): What the learner mainly did before the training, a code of the SDR's
            main activity list
            (`05` employed). Example: 05.
        secondary_school_code (int | None | Unset): The Ministry of Education's number of the learner's last secondary
            school. Example: 43.
    """

    first_year_of_tertiary_study: int | None | Unset = UNSET
    highest_secondary_school_qualification: None | str | Unset = UNSET
    last_year_at_secondary_school: int | None | Unset = UNSET
    prior_activity_code: None | str | Unset = UNSET
    secondary_school_code: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        first_year_of_tertiary_study: int | None | Unset
        if isinstance(self.first_year_of_tertiary_study, Unset):
            first_year_of_tertiary_study = UNSET
        else:
            first_year_of_tertiary_study = self.first_year_of_tertiary_study

        highest_secondary_school_qualification: None | str | Unset
        if isinstance(self.highest_secondary_school_qualification, Unset):
            highest_secondary_school_qualification = UNSET
        else:
            highest_secondary_school_qualification = self.highest_secondary_school_qualification

        last_year_at_secondary_school: int | None | Unset
        if isinstance(self.last_year_at_secondary_school, Unset):
            last_year_at_secondary_school = UNSET
        else:
            last_year_at_secondary_school = self.last_year_at_secondary_school

        prior_activity_code: None | str | Unset
        if isinstance(self.prior_activity_code, Unset):
            prior_activity_code = UNSET
        else:
            prior_activity_code = self.prior_activity_code

        secondary_school_code: int | None | Unset
        if isinstance(self.secondary_school_code, Unset):
            secondary_school_code = UNSET
        else:
            secondary_school_code = self.secondary_school_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if first_year_of_tertiary_study is not UNSET:
            field_dict["firstYearOfTertiaryStudy"] = first_year_of_tertiary_study
        if highest_secondary_school_qualification is not UNSET:
            field_dict["highestSecondarySchoolQualification"] = highest_secondary_school_qualification
        if last_year_at_secondary_school is not UNSET:
            field_dict["lastYearAtSecondarySchool"] = last_year_at_secondary_school
        if prior_activity_code is not UNSET:
            field_dict["priorActivityCode"] = prior_activity_code
        if secondary_school_code is not UNSET:
            field_dict["secondarySchoolCode"] = secondary_school_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_first_year_of_tertiary_study(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        first_year_of_tertiary_study = _parse_first_year_of_tertiary_study(d.pop("firstYearOfTertiaryStudy", UNSET))

        def _parse_highest_secondary_school_qualification(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        highest_secondary_school_qualification = _parse_highest_secondary_school_qualification(
            d.pop("highestSecondarySchoolQualification", UNSET)
        )

        def _parse_last_year_at_secondary_school(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        last_year_at_secondary_school = _parse_last_year_at_secondary_school(d.pop("lastYearAtSecondarySchool", UNSET))

        def _parse_prior_activity_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        prior_activity_code = _parse_prior_activity_code(d.pop("priorActivityCode", UNSET))

        def _parse_secondary_school_code(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        secondary_school_code = _parse_secondary_school_code(d.pop("secondarySchoolCode", UNSET))

        education_history = cls(
            first_year_of_tertiary_study=first_year_of_tertiary_study,
            highest_secondary_school_qualification=highest_secondary_school_qualification,
            last_year_at_secondary_school=last_year_at_secondary_school,
            prior_activity_code=prior_activity_code,
            secondary_school_code=secondary_school_code,
        )

        education_history.additional_properties = d
        return education_history

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
