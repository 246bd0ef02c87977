from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AgreementDetails")


@_attrs_define
class AgreementDetails:
    """The agreement itself: employer, workplace, and its dates.

    Example:
        {'employerName': 'Kauri Builders Limited', 'employerNzbn': '9429041535257', 'employerSubdivisionName': 'Hamilton
            branch', 'employmentRegionCode': 3, 'employmentTerritorialAuthorityCode': 16, 'employmentTypeCode': 'FT',
            'endDate': '2030-01-31', 'industryCode': '3020', 'priorActivityCode': '02', 'trainingAgreementSignedDate':
            '2026-02-01'}

    Attributes:
        employer_name (str): The employer's legal or head-office name. Example: Kauri Builders Limited.
        employment_region_code (int): The Stats NZ region (regional council code) of the workplace: 1 Northland … 18
            Marlborough, 99 area outside region. Example: 3.
        training_agreement_signed_date (datetime.date): The day the agreement was signed; not after today. Example:
            2026-02-01.
        employer_nzbn (None | str | Unset): The employer's New Zealand Business Number, 13 digits. Example:
            9429041535257.
        employer_subdivision_name (None | str | Unset): The site or subdivision the learner works at.
        employment_territorial_authority_code (int | None | Unset): The Stats NZ territorial authority of the workplace:
            1 to 76, 999 area outside. Example: 16.
        employment_type_code (None | str | Unset): How the learner is employed: see [`EMPLOYMENT_TYPES`]. Example: FT.
        end_date (datetime.date | None | Unset): The day the agreement is expected to end, after the signed date.
            Example: 2030-01-31.
        industry_code (None | str | Unset): The employer's ANZSIC 2006 level 4 industry; may differ from the
            programme's. Example: 3020.
        moe_exemption_code (None | str | Unset): The Ministry of Education's early-leaving exemption of a learner under
            16.
        prior_activity_code (None | str | Unset): What the learner mainly did before the agreement: the SDR's main
            activity codes. Example: 02.
    """

    employer_name: str
    employment_region_code: int
    training_agreement_signed_date: datetime.date
    employer_nzbn: None | str | Unset = UNSET
    employer_subdivision_name: None | str | Unset = UNSET
    employment_territorial_authority_code: int | None | Unset = UNSET
    employment_type_code: None | str | Unset = UNSET
    end_date: datetime.date | None | Unset = UNSET
    industry_code: None | str | Unset = UNSET
    moe_exemption_code: None | str | Unset = UNSET
    prior_activity_code: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        employer_name = self.employer_name

        employment_region_code = self.employment_region_code

        training_agreement_signed_date = self.training_agreement_signed_date.isoformat()

        employer_nzbn: None | str | Unset
        if isinstance(self.employer_nzbn, Unset):
            employer_nzbn = UNSET
        else:
            employer_nzbn = self.employer_nzbn

        employer_subdivision_name: None | str | Unset
        if isinstance(self.employer_subdivision_name, Unset):
            employer_subdivision_name = UNSET
        else:
            employer_subdivision_name = self.employer_subdivision_name

        employment_territorial_authority_code: int | None | Unset
        if isinstance(self.employment_territorial_authority_code, Unset):
            employment_territorial_authority_code = UNSET
        else:
            employment_territorial_authority_code = self.employment_territorial_authority_code

        employment_type_code: None | str | Unset
        if isinstance(self.employment_type_code, Unset):
            employment_type_code = UNSET
        else:
            employment_type_code = self.employment_type_code

        end_date: None | str | Unset
        if isinstance(self.end_date, Unset):
            end_date = UNSET
        elif isinstance(self.end_date, datetime.date):
            end_date = self.end_date.isoformat()
        else:
            end_date = self.end_date

        industry_code: None | str | Unset
        if isinstance(self.industry_code, Unset):
            industry_code = UNSET
        else:
            industry_code = self.industry_code

        moe_exemption_code: None | str | Unset
        if isinstance(self.moe_exemption_code, Unset):
            moe_exemption_code = UNSET
        else:
            moe_exemption_code = self.moe_exemption_code

        prior_activity_code: None | str | Unset
        if isinstance(self.prior_activity_code, Unset):
            prior_activity_code = UNSET
        else:
            prior_activity_code = self.prior_activity_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "employerName": employer_name,
                "employmentRegionCode": employment_region_code,
                "trainingAgreementSignedDate": training_agreement_signed_date,
            }
        )
        if employer_nzbn is not UNSET:
            field_dict["employerNzbn"] = employer_nzbn
        if employer_subdivision_name is not UNSET:
            field_dict["employerSubdivisionName"] = employer_subdivision_name
        if employment_territorial_authority_code is not UNSET:
            field_dict["employmentTerritorialAuthorityCode"] = employment_territorial_authority_code
        if employment_type_code is not UNSET:
            field_dict["employmentTypeCode"] = employment_type_code
        if end_date is not UNSET:
            field_dict["endDate"] = end_date
        if industry_code is not UNSET:
            field_dict["industryCode"] = industry_code
        if moe_exemption_code is not UNSET:
            field_dict["moeExemptionCode"] = moe_exemption_code
        if prior_activity_code is not UNSET:
            field_dict["priorActivityCode"] = prior_activity_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        employer_name = d.pop("employerName")

        employment_region_code = d.pop("employmentRegionCode")

        training_agreement_signed_date = datetime.date.fromisoformat(d.pop("trainingAgreementSignedDate"))

        def _parse_employer_nzbn(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        employer_nzbn = _parse_employer_nzbn(d.pop("employerNzbn", UNSET))

        def _parse_employer_subdivision_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        employer_subdivision_name = _parse_employer_subdivision_name(d.pop("employerSubdivisionName", UNSET))

        def _parse_employment_territorial_authority_code(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        employment_territorial_authority_code = _parse_employment_territorial_authority_code(
            d.pop("employmentTerritorialAuthorityCode", UNSET)
        )

        def _parse_employment_type_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        employment_type_code = _parse_employment_type_code(d.pop("employmentTypeCode", UNSET))

        def _parse_end_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_date_type_0 = datetime.date.fromisoformat(data)

                return end_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        end_date = _parse_end_date(d.pop("endDate", UNSET))

        def _parse_industry_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        industry_code = _parse_industry_code(d.pop("industryCode", UNSET))

        def _parse_moe_exemption_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        moe_exemption_code = _parse_moe_exemption_code(d.pop("moeExemptionCode", UNSET))

        def _parse_prior_activity_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        prior_activity_code = _parse_prior_activity_code(d.pop("priorActivityCode", UNSET))

        agreement_details = cls(
            employer_name=employer_name,
            employment_region_code=employment_region_code,
            training_agreement_signed_date=training_agreement_signed_date,
            employer_nzbn=employer_nzbn,
            employer_subdivision_name=employer_subdivision_name,
            employment_territorial_authority_code=employment_territorial_authority_code,
            employment_type_code=employment_type_code,
            end_date=end_date,
            industry_code=industry_code,
            moe_exemption_code=moe_exemption_code,
            prior_activity_code=prior_activity_code,
        )

        agreement_details.additional_properties = d
        return agreement_details

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
