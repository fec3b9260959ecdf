"""The JSON shapes of the transcript API: cues, index segments, and an import's report."""

from pydantic import BaseModel, Field


class CueOut(BaseModel):
    recording: int = Field(1, description="The recording the times refer to: 1 for the first, 2 for the second part...")
    start: float | None = Field(description="Seconds from the start of the recording; null for an untimed paragraph")
    end: float | None
    speaker: str | None
    text: str
    language: str
    translation: str | None
    translation_language: str | None


class TranscriptOut(BaseModel):
    identifier: str
    cues: list[CueOut]


class SegmentOut(BaseModel):
    recording: int = Field(1, description="The recording the times refer to: 1 for the first, 2 for the second part...")
    start: float
    end: float | None
    title: str
    synopsis: str
    keywords: list[str]
    people: list[str]
    places: list[str]
    subjects: list[str]
    latitude: float | None
    longitude: float | None
    language: str


class IndexOut(BaseModel):
    identifier: str
    segments: list[SegmentOut]


class ProblemLine(BaseModel):
    line: int = Field(description="1-based line of the file; 0 for the whole file")
    code: str = Field(description="Stable code: bad-timecode, overlap, not-text, no-match...")
    reason: str = Field(description="The problem in the caller's language")
    detail: str = Field(description="The reader's own words (which time code, which cue), in English")


class ImportReport(BaseModel):
    kind: str
    filename: str
    format: str = Field(description="The reader used: vtt, srt, ohms or text")
    encoding: str = Field(description="The file's encoding as detected (utf-8, cp1252...)")
    dry_run: bool
    cues: int = Field(description="Cues read from the file")
    segments: int = Field(description="Index segments read from the file")
    replaced: int = Field(description="Cues or segments replaced (or that a dry run would replace)")
    matched: int = Field(description="Translated cues attached to the transcript's cues")
    imported: bool
    revision: int | None = Field(description="The item revision recorded (null for a dry run)")
    problems: list[ProblemLine]
