from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="NewProgramme")


@_attrs_define
class NewProgramme:
    """The body of `POST /programmes`: the programme's id and its version 1.

    Example:
        {'creditValue': 240, 'industryCodes': ['3020'], 'modeOfDeliveryCode': 24, 'nominalDurationMonths': 48,
            'nzscedFieldOfStudy': '040301', 'occupationCode': '331212', 'programmeLocalId': 'CARP-L4', 'programmeLocalName':
            'New Zealand Certificate in Carpentry (Level 4) / Carpentry Apprenticeship', 'studyTypeCode': 'NZA',
            'targetQualificationCode': '2663', 'targetQualificationVersion': 2, 'versionStartDate': '2026-01-01'}

    Attributes:
        credit_value (int): The strand's credits, else the qualification's. Example: 240.
        industry_codes (list[str]): ANZSIC 2006 level 4 codes of the industries the programme trains for; one suffices.
            Example: ['3020'].
        mode_of_delivery_code (int): 24 work-based, 25 work-based pathway to work, 26 assessment and verification.
            Example: 24.
        nominal_duration_months (int): How long the programme normally takes, in months. Example: 48.
        nzsced_field_of_study (str): The NZSCED field of study, six digits (`040301` carpentry). Example: 040301.
        programme_local_name (str): The programme's name, unique in the TEO: "Qualification / Programme Name".
        study_type_code (str): What kind of training: see [`STUDY_TYPES`] (`NZA` New Zealand Apprenticeship). Example:
            NZA.
        target_qualification_code (str): The NZQA code of the qualification (or programme of training) the learner works
            towards. Example: 2663.
        version_start_date (datetime.date): The first day enrolments may follow this version. Example: 2026-01-01.
        programme_local_id (str): The TEO's id for the programme, unique in the TEO. Example: CARP-L4.
        occupation_code (None | str | Unset): The ANZSCO code of the occupation the programme trains for. Example:
            331212.
        strand_code (None | str | Unset): The strand of the target qualification, when the programme follows one.
        target_qualification_version (int | None | Unset): The version of the target qualification. Example: 2.
    """

    credit_value: int
    industry_codes: list[str]
    mode_of_delivery_code: int
    nominal_duration_months: int
    nzsced_field_of_study: str
    programme_local_name: str
    study_type_code: str
    target_qualification_code: str
    version_start_date: datetime.date
    programme_local_id: str
    occupation_code: None | str | Unset = UNSET
    strand_code: None | str | Unset = UNSET
    target_qualification_version: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        credit_value = self.credit_value

        industry_codes = self.industry_codes

        mode_of_delivery_code = self.mode_of_delivery_code

        nominal_duration_months = self.nominal_duration_months

        nzsced_field_of_study = self.nzsced_field_of_study

        programme_local_name = self.programme_local_name

        study_type_code = self.study_type_code

        target_qualification_code = self.target_qualification_code

        version_start_date = self.version_start_date.isoformat()

        programme_local_id = self.programme_local_id

        occupation_code: None | str | Unset
        if isinstance(self.occupation_code, Unset):
            occupation_code = UNSET
        else:
            occupation_code = self.occupation_code

        strand_code: None | str | Unset
        if isinstance(self.strand_code, Unset):
            strand_code = UNSET
        else:
            strand_code = self.strand_code

        target_qualification_version: int | None | Unset
        if isinstance(self.target_qualification_version, Unset):
            target_qualification_version = UNSET
        else:
            target_qualification_version = self.target_qualification_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "creditValue": credit_value,
                "industryCodes": industry_codes,
                "modeOfDeliveryCode": mode_of_delivery_code,
                "nominalDurationMonths": nominal_duration_months,
                "nzscedFieldOfStudy": nzsced_field_of_study,
                "programmeLocalName": programme_local_name,
                "studyTypeCode": study_type_code,
                "targetQualificationCode": target_qualification_code,
                "versionStartDate": version_start_date,
                "programmeLocalId": programme_local_id,
            }
        )
        if occupation_code is not UNSET:
            field_dict["occupationCode"] = occupation_code
        if strand_code is not UNSET:
            field_dict["strandCode"] = strand_code
        if target_qualification_version is not UNSET:
            field_dict["targetQualificationVersion"] = target_qualification_version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        credit_value = d.pop("creditValue")

        industry_codes = cast(list[str], d.pop("industryCodes"))

        mode_of_delivery_code = d.pop("modeOfDeliveryCode")

        nominal_duration_months = d.pop("nominalDurationMonths")

        nzsced_field_of_study = d.pop("nzscedFieldOfStudy")

        programme_local_name = d.pop("programmeLocalName")

        study_type_code = d.pop("studyTypeCode")

        target_qualification_code = d.pop("targetQualificationCode")

        version_start_date = datetime.date.fromisoformat(d.pop("versionStartDate"))

        programme_local_id = d.pop("programmeLocalId")

        def _parse_occupation_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        occupation_code = _parse_occupation_code(d.pop("occupationCode", UNSET))

        def _parse_strand_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        strand_code = _parse_strand_code(d.pop("strandCode", UNSET))

        def _parse_target_qualification_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        target_qualification_version = _parse_target_qualification_version(d.pop("targetQualificationVersion", UNSET))

        new_programme = cls(
            credit_value=credit_value,
            industry_codes=industry_codes,
            mode_of_delivery_code=mode_of_delivery_code,
            nominal_duration_months=nominal_duration_months,
            nzsced_field_of_study=nzsced_field_of_study,
            programme_local_name=programme_local_name,
            study_type_code=study_type_code,
            target_qualification_code=target_qualification_code,
            version_start_date=version_start_date,
            programme_local_id=programme_local_id,
            occupation_code=occupation_code,
            strand_code=strand_code,
            target_qualification_version=target_qualification_version,
        )

        new_programme.additional_properties = d
        return new_programme

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
