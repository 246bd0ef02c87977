from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.return_type import ReturnType
from ..models.round_kind import RoundKind
from ..models.sdr_file import SdrFile
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.window_view import WindowView


T = TypeVar("T", bound="RoundView")


@_attrs_define
class RoundView:
    """A collection round, with the funder's field names where its API has them.

    Example:
        {'closeWindowDate': '2026-04-29T05:00:00Z', 'extractDate': '2026-04-15', 'files': ['learners', 'course-
            enrolments', 'courses', 'course-completions', 'qualification-completions'], 'id': '2026-APR', 'kind': 'APR',
            'openWindowDate': '2026-04-16T12:00:00Z', 'published': False, 'resubmissionWindow': None, 'returnId': 202604,
            'returnMonth': 4, 'returnType': 'Full', 'returnYear': 2026}

    Attributes:
        close_window_date (datetime.datetime): When the return is due (5 pm New Zealand time on the due day), in UTC.
        extract_date (datetime.date): The "as-at" date of the extract, against which learner identity is checked.
        files (list[SdrFile]): The files a return for this round is made of.
        id (str): The round's id, `YYYY-KIND`. Example: 2026-APR.
        kind (RoundKind): The kind of a collection round.
        open_window_date (datetime.datetime): When returns may first be lodged (start of the first day, New Zealand
            time), in UTC.
        published (bool): Published data can no longer be changed.
        return_id (int): The funder's numeric return id, `YYYYMM`. Example: 202604.
        return_month (int):  Example: 4.
        return_type (ReturnType): Whether a return is the full SDR or the indicative one, named as the funder's API
            names it.
        return_year (int):  Example: 2026.
        resubmission_window (None | Unset | WindowView):
    """

    close_window_date: datetime.datetime
    extract_date: datetime.date
    files: list[SdrFile]
    id: str
    kind: RoundKind
    open_window_date: datetime.datetime
    published: bool
    return_id: int
    return_month: int
    return_type: ReturnType
    return_year: int
    resubmission_window: None | Unset | WindowView = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.window_view import WindowView  # noqa: PLC0415

        close_window_date = self.close_window_date.isoformat()

        extract_date = self.extract_date.isoformat()

        files = []
        for files_item_data in self.files:
            files_item = files_item_data.value
            files.append(files_item)

        id = self.id

        kind = self.kind.value

        open_window_date = self.open_window_date.isoformat()

        published = self.published

        return_id = self.return_id

        return_month = self.return_month

        return_type = self.return_type.value

        return_year = self.return_year

        resubmission_window: dict[str, Any] | None | Unset
        if isinstance(self.resubmission_window, Unset):
            resubmission_window = UNSET
        elif isinstance(self.resubmission_window, WindowView):
            resubmission_window = self.resubmission_window.to_dict()
        else:
            resubmission_window = self.resubmission_window

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "closeWindowDate": close_window_date,
                "extractDate": extract_date,
                "files": files,
                "id": id,
                "kind": kind,
                "openWindowDate": open_window_date,
                "published": published,
                "returnId": return_id,
                "returnMonth": return_month,
                "returnType": return_type,
                "returnYear": return_year,
            }
        )
        if resubmission_window is not UNSET:
            field_dict["resubmissionWindow"] = resubmission_window

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.window_view import WindowView  # noqa: PLC0415

        d = dict(src_dict)
        close_window_date = datetime.datetime.fromisoformat(d.pop("closeWindowDate"))

        extract_date = datetime.date.fromisoformat(d.pop("extractDate"))

        files = []
        _files = d.pop("files")
        for files_item_data in _files:
            files_item = SdrFile(files_item_data)

            files.append(files_item)

        id = d.pop("id")

        kind = RoundKind(d.pop("kind"))

        open_window_date = datetime.datetime.fromisoformat(d.pop("openWindowDate"))

        published = d.pop("published")

        return_id = d.pop("returnId")

        return_month = d.pop("returnMonth")

        return_type = ReturnType(d.pop("returnType"))

        return_year = d.pop("returnYear")

        def _parse_resubmission_window(data: object) -> None | Unset | WindowView:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                resubmission_window_type_0 = WindowView.from_dict(data)

                return resubmission_window_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | WindowView, data)

        resubmission_window = _parse_resubmission_window(d.pop("resubmissionWindow", UNSET))

        round_view = cls(
            close_window_date=close_window_date,
            extract_date=extract_date,
            files=files,
            id=id,
            kind=kind,
            open_window_date=open_window_date,
            published=published,
            return_id=return_id,
            return_month=return_month,
            return_type=return_type,
            return_year=return_year,
            resubmission_window=resubmission_window,
        )

        round_view.additional_properties = d
        return round_view

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
