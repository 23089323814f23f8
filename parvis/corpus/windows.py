"""Split long passages into windows of at most about 300 words."""

from parvis.corpus.records import PassageRecord

MAX_WORDS = 300
OVERLAP_WORDS = 30


def split_windows(passage: PassageRecord, max_words: int = MAX_WORDS) -> list[PassageRecord]:
    """A passage longer than `max_words` becomes overlapping windows with the same anchor."""
    words = passage.text.split()
    if len(words) <= max_words:
        return [passage]
    step = max_words - OVERLAP_WORDS
    windows = []
    for start in range(0, len(words), step):
        chunk = words[start : start + max_words]
        windows.append(PassageRecord(passage.anchor, passage.title, " ".join(chunk)))
        if start + max_words >= len(words):
            break
    return windows
