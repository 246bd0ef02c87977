from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="NewOffJobDelivery")


@_attrs_define
class NewOffJobDelivery:
    """An off-job delivery as the TMS sends it (`POST /v1.0/off-job-deliveries`).

    Example:
        {'courseCode': 'BlockCourse1', 'credits': 15, 'endDate': '2026-04-24', 'enrolmentLocalId': 'ENR-1001',
            'fundingCategory': 'J3', 'offJobDeliveryLocalId': 'OJ-1001', 'offJobProviderCode': 6004, 'startDate':
            '2026-04-13'}

    Attributes:
        course_code (str): The course's code, with no date in it (`BlockCourse1`, not `Block2026`).
        enrolment_local_id (str): The main programme enrolment.
        funding_category (str): The funding category, per the Delivery Classification Guide.
        off_job_delivery_local_id (str): The TMS's id for the delivery.
        off_job_provider_code (int): The MoE code of the provider delivering it; the organisation's own code when
            subcontracted to a non-registered provider.
        credits_ (int | None | Unset):
        end_date (datetime.date | None | Unset):
        start_date (datetime.date | None | Unset):
    """

    course_code: str
    enrolment_local_id: str
    funding_category: str
    off_job_delivery_local_id: str
    off_job_provider_code: int
    credits_: int | None | Unset = UNSET
    end_date: datetime.date | None | Unset = UNSET
    start_date: datetime.date | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        course_code = self.course_code

        enrolment_local_id = self.enrolment_local_id

        funding_category = self.funding_category

        off_job_delivery_local_id = self.off_job_delivery_local_id

        off_job_provider_code = self.off_job_provider_code

        credits_: int | None | Unset
        if isinstance(self.credits_, Unset):
            credits_ = UNSET
        else:
            credits_ = self.credits_

        end_date: None | str | Unset
        if isinstance(self.end_date, Unset):
            end_date = UNSET
        elif isinstance(self.end_date, datetime.date):
            end_date = self.end_date.isoformat()
        else:
            end_date = self.end_date

        start_date: None | str | Unset
        if isinstance(self.start_date, Unset):
            start_date = UNSET
        elif isinstance(self.start_date, datetime.date):
            start_date = self.start_date.isoformat()
        else:
            start_date = self.start_date

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "courseCode": course_code,
                "enrolmentLocalId": enrolment_local_id,
                "fundingCategory": funding_category,
                "offJobDeliveryLocalId": off_job_delivery_local_id,
                "offJobProviderCode": off_job_provider_code,
            }
        )
        if credits_ is not UNSET:
            field_dict["credits"] = credits_
        if end_date is not UNSET:
            field_dict["endDate"] = end_date
        if start_date is not UNSET:
            field_dict["startDate"] = start_date

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        course_code = d.pop("courseCode")

        enrolment_local_id = d.pop("enrolmentLocalId")

        funding_category = d.pop("fundingCategory")

        off_job_delivery_local_id = d.pop("offJobDeliveryLocalId")

        off_job_provider_code = d.pop("offJobProviderCode")

        def _parse_credits_(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        credits_ = _parse_credits_(d.pop("credits", UNSET))

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

        def _parse_start_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_date_type_0 = datetime.date.fromisoformat(data)

                return start_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        start_date = _parse_start_date(d.pop("startDate", UNSET))

        new_off_job_delivery = cls(
            course_code=course_code,
            enrolment_local_id=enrolment_local_id,
            funding_category=funding_category,
            off_job_delivery_local_id=off_job_delivery_local_id,
            off_job_provider_code=off_job_provider_code,
            credits_=credits_,
            end_date=end_date,
            start_date=start_date,
        )

        new_off_job_delivery.additional_properties = d
        return new_off_job_delivery

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
