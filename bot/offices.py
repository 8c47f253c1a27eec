"""Fill an answer's placeholders with the local contact and the offices from ``config.yaml``.

Usage::

    fill_placeholders("Công an xã: {police_address}", config)   # -> "Công an xã: Thôn Trung Hạ, xã An Dũng"

The placeholder names are :data:`knowledge.loader.PLACEHOLDERS` (``kb check`` rejects any other); an office detail
that is not configured reads «chưa có trong dữ liệu …» with the local contact, never an empty line.
"""

from __future__ import annotations

from bot import texts
from bot.config import Config, Office


def _block(office: Office, default_name: str, unknown: str) -> str:
    """Name, then one dash line per configured detail (address, hours, phone, map)."""
    lines = [office.name or default_name]
    details = [(texts.OFFICE_ADDRESS, office.address), (texts.OFFICE_HOURS, office.hours),
               (texts.OFFICE_PHONE, office.phone), (texts.OFFICE_MAP, office.map_url)]
    lines += [template.format(value) for template, value in details if value]
    if len(lines) == 1:
        lines.append(texts.OFFICE_ADDRESS.format(unknown))
    return "\n".join(lines)


def placeholder_values(config: Config) -> dict[str, str]:
    """Every placeholder an answer may use, with its text for this commune."""
    unknown = texts.OFFICE_UNKNOWN.format(contact=config.organisation.contact)
    values = {"local_contact": config.organisation.contact}
    for prefix, office, default in (("police", config.offices.police, texts.OFFICE_DEFAULT_POLICE),
                                    ("service_centre", config.offices.service_centre, texts.OFFICE_DEFAULT_CENTRE)):
        values[prefix if prefix == "service_centre" else f"{prefix}_office"] = _block(office, default, unknown)
        values[f"{prefix}_name"] = office.name or default
        for field in ("address", "hours", "phone"):
            values[f"{prefix}_{field}"] = getattr(office, field) or unknown
        values[f"{prefix}_map"] = office.map_url or unknown
    return values


def fill_placeholders(text: str, config: Config) -> str:
    """``text`` with each ``{name}`` placeholder replaced; other braces are left alone."""
    if "{" not in text:
        return text  # most answers have none: nothing to work out
    for name, value in placeholder_values(config).items():
        text = text.replace("{" + name + "}", value)
    return text
