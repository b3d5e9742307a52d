"""What language an article is in, to skip articles the rule pack cannot read.

Why a stopword count and not a statistical model: kg only needs to tell "English (or another
language the pack declares)" from "something else", on news text that is rarely short. The share
of a language's function words is a well-known, transparent test (Grefenstette 1995), exact on
news paragraphs, and costs nothing to ship: the stoplists are jusText's (BSD), a dependency of
trafilatura already, 100 languages, read from its package folder without importing it. English
text is recognised from the English list alone (most articles), so the other 99 lists are read
only for text that is not clearly English.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache

# ISO 639-1 codes of the stoplists' language names (other names are used as they are, lower-cased)
CODES = {
    "Afrikaans": "af", "Albanian": "sq", "Arabic": "ar", "Armenian": "hy", "Azerbaijani": "az", "Basque": "eu",
    "Belarusian": "be", "Bosnian": "bs", "Bulgarian": "bg", "Catalan": "ca", "Croatian": "hr", "Czech": "cs",
    "Danish": "da", "Dutch": "nl", "English": "en", "Esperanto": "eo", "Estonian": "et", "Finnish": "fi",
    "French": "fr", "Galician": "gl", "Georgian": "ka", "German": "de", "Greek": "el", "Hebrew": "he",
    "Hindi": "hi", "Hungarian": "hu", "Icelandic": "is", "Indonesian": "id", "Irish": "ga", "Italian": "it",
    "Kazakh": "kk", "Korean": "ko", "Latin": "la", "Latvian": "lv", "Lithuanian": "lt", "Macedonian": "mk",
    "Malay": "ms", "Norwegian_Bokmal": "nb", "Norwegian_Nynorsk": "nn", "Persian": "fa", "Polish": "pl",
    "Portuguese": "pt", "Romanian": "ro", "Russian": "ru", "Serbian": "sr", "Slovak": "sk", "Slovenian": "sl",
    "Spanish": "es", "Swahili": "sw", "Swedish": "sv", "Tagalog": "tl", "Tamil": "ta", "Thai": "th",
    "Turkish": "tr", "Ukrainian": "uk", "Urdu": "ur", "Uzbek": "uz", "Vietnamese": "vi", "Welsh": "cy",
}
SAMPLE_WORDS = 2000  # enough to decide; a 5 MB article costs no more than a short one
MIN_WORDS = 12  # below this nothing is decided (a headline, a one-line example)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _folder() -> str | None:
    import importlib.util

    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        return None
    d = os.path.join(list(spec.submodule_search_locations)[0], "stoplists")
    return d if os.path.isdir(d) else None


@lru_cache(maxsize=None)
def _stoplist(name: str) -> frozenset[str]:
    d = _folder()
    if d is None:
        return frozenset()
    with open(os.path.join(d, name + ".txt"), encoding="utf-8") as f:
        return frozenset(f.read().lower().split())


@lru_cache(maxsize=1)
def _names() -> tuple[str, ...]:
    d = _folder()
    return tuple(sorted(f[:-4] for f in os.listdir(d) if f.endswith(".txt"))) if d else ()


def code(name: str) -> str:
    return CODES.get(name, name.lower())


def detect(text: str) -> tuple[str, float] | None:
    """(ISO code, share of its stopwords among the sampled words), or None when the text is too
    short to tell or no stoplists are installed. Non-Latin scripts whose words are not separated
    by spaces (Chinese, Japanese) are reported as 'unknown-script' when few words are found."""
    words = [w.lower() for w in _WORD.findall(text[: SAMPLE_WORDS * 12])][:SAMPLE_WORDS]
    if len(words) < MIN_WORDS:
        letters = sum(c.isalpha() for c in text[:20000])
        return ("unknown-script", 0.0) if letters > 200 and len(words) < letters / 40 else None
    english = _stoplist("English")
    if not english:
        return None
    en = sum(w in english for w in words) / len(words)
    if en >= 0.25:  # English news runs at 0.4-0.5: decided without reading the other lists
        return "en", en
    best, share = "en", en
    for name in _names():
        sl = _stoplist(name)
        s = sum(w in sl for w in words) / len(words)
        if s > share:
            best, share = code(name), s
    return best, share


def primary(tag: str) -> str:
    """'en-GB' -> 'en'."""
    return re.split(r"[-_]", tag.strip().lower(), maxsplit=1)[0]
