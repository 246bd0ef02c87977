from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.notice_kind import NoticeKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="NewWebhook")


@_attrs_define
class NewWebhook:
    """A webhook to make.

    Attributes:
        event_types (list[NoticeKind]): The kinds of event to send; at least one. Example: ['submission-rejected',
            'submission-processed'].
        url (str): Where to POST the events: an `https://` URL of a public host (a development node also
            takes `http://` to localhost). No user name or password in it; a token in its path or
            query is kept, and shown to those who may read the webhook. Example: https://sms.example.ac.nz/dxp/events.
        organisation (int | None | Unset): The organisation's EDUMIS number: only a `tec-admin` may name one; a TEO's
            token decides
            its own. Example: 6004.
    """

    event_types: list[NoticeKind]
    url: str
    organisation: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        event_types = []
        for event_types_item_data in self.event_types:
            event_types_item = event_types_item_data.value
            event_types.append(event_types_item)

        url = self.url

        organisation: int | None | Unset
        if isinstance(self.organisation, Unset):
            organisation = UNSET
        else:
            organisation = self.organisation

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "eventTypes": event_types,
                "url": url,
            }
        )
        if organisation is not UNSET:
            field_dict["organisation"] = organisation

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        event_types = []
        _event_types = d.pop("eventTypes")
        for event_types_item_data in _event_types:
            event_types_item = NoticeKind(event_types_item_data)

            event_types.append(event_types_item)

        url = d.pop("url")

        def _parse_organisation(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        organisation = _parse_organisation(d.pop("organisation", UNSET))

        new_webhook = cls(
            event_types=event_types,
            url=url,
            organisation=organisation,
        )

        return new_webhook
