"""The record format: pydantic models for releases, incidents, benchmarks and orgs.

The field names here are the public record format (the README and the JSON
Schema describe them); renaming one breaks writers' files. Every factual value
carries ``source`` (a key into the record's ``sources``) and ``status``, so a
page can show a rumored number as rumored and footnote where it came from.
Models are strict and forbid unknown fields: a typo such as ``paramz:`` must be
an error, never silently ignored.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    ValidationInfo,
    field_validator,
    model_validator,
)

__all__ = [
    "ID_PATTERN",
    "STATUSES",
    "ApiPrice",
    "ArenaSnapshot",
    "Availability",
    "Benchmark",
    "BenchmarkRegistry",
    "BenchmarkScore",
    "ContextWindow",
    "Incident",
    "IncidentRelease",
    "Modalities",
    "Org",
    "OrgRegistry",
    "ParamCount",
    "Params",
    "Plan",
    "Pricing",
    "Release",
    "ReleaseStatus",
    "Source",
    "SpecField",
    "Status",
    "Weights",
]

ID_PATTERN = r"^[a-z0-9][a-z0-9.-]*[a-z0-9]$|^[a-z0-9]$"
"""Ids are URL slugs: lowercase letters, digits, dots and hyphens."""

RecordId = Annotated[str, Field(pattern=ID_PATTERN, max_length=80)]
SourceKey = Annotated[
    str,
    Field(
        min_length=1,
        max_length=60,
        description="Key of an entry under this record's `sources:`.",
    ),
]
Text = Annotated[str, Field(min_length=1, max_length=300)]
LongText = Annotated[str, Field(min_length=1, max_length=4000)]
Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code, e.g. USD.")]


Status = Literal["confirmed", "estimated", "rumored", "disputed"]
"""How sure we are of a value. Pages style each status differently."""

STATUSES: tuple[Status, ...] = ("confirmed", "estimated", "rumored", "disputed")

ReleaseStatus = Literal["announced", "preview", "beta", "released", "retired"]

SpecField = Literal[
    "params.total", "params.active", "context_window", "modalities", "weights", "pricing.api"
]
"""The spec-card facts a release may leave empty, as keys of its ``why_empty:``."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=False)


class Source(_Strict):
    """A document a record cites. Cited once per record, referenced by key."""

    url: HttpUrl
    title: Text
    published: dt.date | None = None
    publisher: Text | None = None
    archived: HttpUrl | None = Field(
        default=None, description="A copy in a web archive, for when the original moves."
    )


class _Cited(_Strict):
    """A value's source: the key of an entry under the record's ``sources:``."""

    source: SourceKey
    note: Text | None = None


class _Sourced(_Cited):
    """A value's provenance: which source says it, and how sure that is."""

    status: Status = "confirmed"


class ParamCount(_Sourced):
    value: float = Field(gt=0, le=1e14, description="Number of parameters, e.g. 2.4e12.")


class Params(_Strict):
    total: ParamCount | None = None
    active: ParamCount | None = Field(
        default=None, description="Parameters active per token (mixture-of-experts models)."
    )


class ContextWindow(_Sourced):
    value: int = Field(gt=0, le=100_000_000)
    unit: Literal["tokens"] = "tokens"


Modality = Literal["text", "image", "audio", "video", "code", "pdf"]


class Modalities(_Sourced):
    input: list[Modality] = Field(min_length=1)
    output: list[Modality] = Field(min_length=1)


class Weights(_Sourced):
    type: Literal["open", "closed"]
    license: Text | None = None


class ApiPrice(_Sourced):
    """A price list entry, per one million tokens, as most providers publish them."""

    provider: Text
    input: float = Field(ge=0, le=10_000, description="Price per 1M input tokens.")
    output: float = Field(ge=0, le=10_000, description="Price per 1M output tokens.")
    cached_input: float | None = Field(default=None, ge=0, le=10_000)
    currency: Currency = "USD"
    tier: Text | None = Field(
        default=None,
        description="When the price applies only to some requests, e.g. '> 128k tokens'.",
    )
    as_of: dt.date


class Plan(_Sourced):
    """A consumer subscription that includes the model."""

    name: Text
    price: float = Field(ge=0, le=100_000)
    currency: Currency = "USD"
    period: Literal["month", "year"]
    includes: list[RecordId] = Field(default_factory=list)


class Pricing(_Strict):
    api: list[ApiPrice] = Field(default_factory=list)
    plans: list[Plan] = Field(default_factory=list)


class BenchmarkScore(_Sourced):
    """A score on a registry benchmark, or a benchmark named with no number published."""

    benchmark: Annotated[str, Field(min_length=1, max_length=80)]
    score: float | None = Field(default=None, ge=-1e6, le=1e6)
    why_empty: Text | None = Field(
        default=None, description="Required when score is empty: why there is no number."
    )
    unit: Literal["percent", "score", "elo", "usd"] | None = Field(
        default=None, description="Defaults to the benchmark registry's unit."
    )
    setting: Text | None = Field(
        default=None, description="How it was run: shots, CoT, maj@k, pass@k, tools."
    )
    reported_by: Literal["vendor", "independent"]
    variant: Text | None = Field(
        default=None, description="Which mode of the model, e.g. 'Think' or 'with tools'."
    )

    @model_validator(mode="after")
    def _score_or_reason(self) -> BenchmarkScore:
        if self.score is None and self.why_empty is None:
            raise ValueError(
                "a benchmark without a score needs 'why_empty' saying why no number is given"
            )
        return self


class ArenaSnapshot(_Sourced):
    """A dated leaderboard reading; boards change daily, so each one is kept with its date."""

    board: Annotated[str, Field(min_length=1, max_length=80)]
    category: Text = "overall"
    score: float = Field(gt=0, le=5000)
    ci95: list[float] | None = Field(default=None, min_length=2, max_length=2)
    votes: int | None = Field(default=None, ge=0)
    rank: int | None = Field(default=None, ge=1)
    as_of: dt.date


class Availability(_Cited):
    """Where the model can be used. ``status`` here is the rollout stage, not certainty."""

    channel: Literal["api", "app", "web", "chat", "open-weights", "cloud", "enterprise"]
    provider: Text
    status: Literal["announced", "waitlist", "preview", "beta", "ga", "retired"]
    since: dt.date | None = None
    audience: Text | None = Field(
        default=None, description="Who gets it, e.g. 'Premium+ subscribers'."
    )


def _spec_value(fields: dict[str, object], key: str) -> object:
    """The value behind a ``why_empty`` key among validated fields (falsy when empty)."""
    if key.startswith("params."):
        params = fields.get("params")
        return getattr(params, key.removeprefix("params."), None)
    if key == "pricing.api":
        pricing = fields.get("pricing")
        return getattr(pricing, "api", None)
    return fields.get(key)


class Release(_Strict):
    """One model release, one file: ``data/releases/<id>.yaml``."""

    id: RecordId
    name: Text
    org: RecordId
    family: RecordId | None = None
    status: ReleaseStatus
    announced: dt.date | None = None
    released: dt.date | None = None
    dates_source: SourceKey | None = Field(
        default=None, description="Key of the source that gives the announced/released dates."
    )
    predecessor: RecordId | None = None
    aliases: list[Text] = Field(default_factory=list)
    summary: LongText | None = None
    sources: dict[Annotated[str, Field(min_length=1, max_length=60)], Source] = Field(min_length=1)
    weights: Weights | None = None
    params: Params = Field(default_factory=Params)
    context_window: ContextWindow | None = None
    modalities: Modalities | None = None
    pricing: Pricing = Field(default_factory=Pricing)
    benchmarks: list[BenchmarkScore] = Field(default_factory=list)
    arena: list[ArenaSnapshot] = Field(default_factory=list)
    availability: list[Availability] = Field(default_factory=list)
    why_empty: dict[SpecField, Text] = Field(
        default_factory=dict,
        description="Why a spec-card fact (weights, parameters, context window, modalities, "
        "API price) has no value, shown on the pages in place of a bare 'Unknown'.",
    )

    @field_validator("why_empty")
    @classmethod
    def _empty_fields_only(
        cls, reasons: dict[SpecField, str], info: ValidationInfo
    ) -> dict[SpecField, str]:
        """A reason for a value that is there would contradict the page that shows both.

        Checked on the field (the other fields are validated before it) so the error is
        reported at the ``why_empty:`` line.
        """
        given = [key for key in reasons if _spec_value(info.data, key)]
        if given:
            raise ValueError(
                f"why_empty explains {', '.join(repr(k) for k in given)}, which has a value; "
                "remove the reason or the value"
            )
        return reasons

    @property
    def date(self) -> dt.date | None:
        """The date a reader would put on the release: released, else announced."""
        return self.released or self.announced


class IncidentRelease(_Strict):
    release: RecordId
    role: Literal["developer", "deployer", "involved"] = "involved"


class Incident(_Strict):
    """A safety incident, AIID-style: one record can involve several releases."""

    id: RecordId
    date: dt.date
    title: Text
    summary: LongText
    releases: list[IncidentRelease] = Field(min_length=1)
    sources: dict[Annotated[str, Field(min_length=1, max_length=60)], Source] = Field(min_length=1)
    aiid: int | None = Field(default=None, ge=1, description="AI Incident Database id.")
    status: Status = "confirmed"


class Benchmark(_Strict):
    id: RecordId
    name: Text
    aliases: list[Text] = Field(default_factory=list)
    unit: Literal["percent", "score", "elo", "usd"] = "percent"
    direction: Literal["higher", "lower"] = "higher"
    url: HttpUrl
    description: LongText | None = None


class BenchmarkRegistry(_Strict):
    """``data/benchmarks.yaml``."""

    benchmarks: list[Benchmark] = Field(min_length=1)


class Org(_Strict):
    id: RecordId
    name: Text
    url: HttpUrl


class OrgRegistry(_Strict):
    """``data/orgs.yaml``."""

    orgs: list[Org] = Field(min_length=1)
