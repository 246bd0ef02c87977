from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EftsForecast")


@_attrs_define
class EftsForecast:
    """One line of an EFTS forecast: the EFTS the organisation expects to deliver in one year from
    one source of funding at one NZQCF level.

        Example:
            {'efts': 1250.5, 'forecastYear': 2027, 'levelOnNzqcf': 7, 'localId': 'FC-2027-01-7', 'sourceOfFunding': '01'}

        Attributes:
            efts (float): EFTS: the equivalent full-time students expected, Numeric(8,2): 0 to 999999.99 with at
                most two decimal places (1.0 EFTS = 120 credits). Example: 1250.5.
            forecast_year (int): Forecast Year: the calendar year forecast (CCYY): the year after the return's and up to
                three further years. Example: 2027.
            level_on_nzqcf (int): Level on NZQCF: the level of the provision, 3 to 10 (Levels 1 and 2 are not forecast).
                Example: 7.
            local_id (str): An integrator-generated identifier for this line, unique among the submission's
                forecast lines; sending a line with the same localId again replaces it. Example: FC-2027-01-7.
            source_of_funding (str): Source of Funding: the fund the provision is forecast under, one of 01 (DQ7+), 29
                (Māori
                Pasifika Trades Training Levels 3 and 4), 11 (ITO off-job training) or 37 (DQ3-7). Two
                digits; `1` is read as `01`. Example: 01.
    """

    efts: float
    forecast_year: int
    level_on_nzqcf: int
    local_id: str
    source_of_funding: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        efts = self.efts

        forecast_year = self.forecast_year

        level_on_nzqcf = self.level_on_nzqcf

        local_id = self.local_id

        source_of_funding = self.source_of_funding

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "efts": efts,
                "forecastYear": forecast_year,
                "levelOnNzqcf": level_on_nzqcf,
                "localId": local_id,
                "sourceOfFunding": source_of_funding,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        efts = d.pop("efts")

        forecast_year = d.pop("forecastYear")

        level_on_nzqcf = d.pop("levelOnNzqcf")

        local_id = d.pop("localId")

        source_of_funding = d.pop("sourceOfFunding")

        efts_forecast = cls(
            efts=efts,
            forecast_year=forecast_year,
            level_on_nzqcf=level_on_nzqcf,
            local_id=local_id,
            source_of_funding=source_of_funding,
        )

        efts_forecast.additional_properties = d
        return efts_forecast

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
