"""Quality measures over loaded content that are not format rules.

- answer cues: does the correct option of a knowledge-check question give itself away by
  being the longest, or by standing in the same place most of the time?
- citations: is every author-year cited in a module's text listed in its further reading?

Run `python -m modules.curriculum.cues [content-folder]` to print both for a program.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass

from modules.curriculum.models import LANGS


@dataclass(frozen=True)
class AnswerCues:
    questions: int
    longest_correct: int  # questions whose correct option is the strictly longest (Swedish)
    top_position: int  # 0-based position that holds the correct option most often
    top_position_count: int

    @property
    def longest_share(self) -> float:
        return self.longest_correct / self.questions if self.questions else 0.0

    @property
    def top_position_share(self) -> float:
        return self.top_position_count / self.questions if self.questions else 0.0


def knowledge_questions(modules) -> list:
    return [q for m in modules for e in m.meta.exercises if e.type == "knowledge_check" for q in e.questions]


def correct_is_strictly_longest(question, lang: str = "sv") -> bool:
    lengths = {o.id: len(o.text.get(lang).strip()) for o in question.options}
    mine = lengths.get(question.correct, -1)
    return all(mine > n for oid, n in lengths.items() if oid != question.correct)


def answer_cues(modules, lang: str = "sv") -> AnswerCues:
    """Over all knowledge-check questions of the given modules (positions as authored)."""
    questions = knowledge_questions(modules)
    positions = Counter(next(i for i, o in enumerate(q.options) if o.id == q.correct) for q in questions)
    top, count = positions.most_common(1)[0] if positions else (0, 0)
    return AnswerCues(questions=len(questions), longest_correct=sum(correct_is_strictly_longest(q, lang)
                                                                     for q in questions),
                      top_position=top, top_position_count=count)


# --- citations ---------------------------------------------------------------------------

_NAME = r"(?:(?:van|von|de|De|Van|Von|af)\s+)?[A-ZÅÄÖÉ][a-zåäöéüA-ZÅÄÖ'’-]*[a-zåäöéü][a-zåäöéüA-ZÅÄÖ'’-]*"
_AUTHORS = (rf"(?P<authors>{_NAME}(?:(?:\s*,\s*{_NAME})*\s*,?\s+(?:&|och|and)\s+{_NAME}"
            rf"|\s+et\s+al\.?|\s+m\.\s?fl\.?)?)")
_YEARS = r"(?P<years>(?:19|20)\d\d[a-z]?(?:\s*[/–-]\s*(?:19|20)?\d\d[a-z]?)?)"
CITATION = re.compile(rf"\b{_AUTHORS}(?P<sep>\s*,\s*|\s*\(\s*|\s+){_YEARS}(?![\d:])")
_NOT_AUTHORS = {
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november",
    "december", "january", "february", "march", "may", "june", "july", "august", "october", "in", "since", "sedan",
    "år", "year", "från", "from", "until", "till", "by", "before", "after", "före", "efter", "around", "omkring",
    "cirka", "the", "den", "det", "mellan", "between", "version", "utgåva", "edition", "våren", "hösten",
    "spring", "autumn", "of", "of the", "och", "and", "during", "under", "senast", "på", "i", "a",
}


@dataclass(frozen=True)
class Citation:
    authors: tuple[str, ...]  # surnames as written, first author first
    years: tuple[str, ...]  # "1983/1986" gives ("1983", "1986")
    text: str

    @property
    def first_author(self) -> str:
        return self.authors[0]


def _surnames(raw: str) -> tuple[str, ...]:
    raw = re.sub(r"\s+(?:et\s+al\.?|m\.\s?fl\.?)$", "", raw.strip())
    parts = re.split(r"\s*,\s*|\s+(?:&|och|and)\s+", raw)
    return tuple(p.strip() for p in parts if p.strip())


def _years(raw: str) -> tuple[str, ...]:
    found = re.findall(r"(?:19|20)?\d\d", raw)
    first = found[0]
    return tuple(y if len(y) == 4 else first[:2] + y for y in found)


def citations(text: str) -> list[Citation]:
    """Author-year citations in running text: "Manz (1986)", "(Edmondson, 1999)",
    "Andersson & Tengblad 2009", "Hällstén och Tengblad (2006)", "Mahembe et al. 2013"."""
    out = []
    for m in CITATION.finditer(text):
        authors = _surnames(m["authors"])
        if not authors or authors[0].lower() in _NOT_AUTHORS:
            continue
        bare_single = m["sep"].strip() == "" and len(authors) == 1 and not re.search(r"et\s+al|m\.\s?fl", m["authors"])
        if bare_single and not re.search(r"[(;]\s*$", text[:m.start()]):
            continue  # "Budget 2025", "Stanford 1990": only "(Manz 1986)" or "Manz (1986)" count
        out.append(Citation(authors=authors, years=_years(m["years"]), text=m.group(0)))
    return out


def _fold(s: str) -> str:
    return s.lower().replace("’", "'")


def listed(citation: Citation, reading: list[str]) -> bool:
    """A further-reading entry names the first author and one of the years."""
    name = _fold(citation.first_author.split()[-1])
    return any(name in _fold(entry) and any(y in entry for y in citation.years) for entry in reading)


def unlisted_citations(module) -> list[tuple[str, Citation]]:
    """(language, citation) for every citation in the module's text that further reading lacks."""
    missing = []
    for lang in LANGS:
        reading = [r.get(lang) for r in module.meta.further_reading]
        for section in module.sections(lang):
            missing += [(lang, c) for c in citations(section.body) if not listed(c, reading)]
    return missing


def main(argv: list[str] | None = None) -> int:
    from modules.curriculum.loader import load_program

    args = sys.argv[1:] if argv is None else argv
    result = load_program(args[0] if args else "content")
    cues = answer_cues(result.modules)
    print(f"{cues.questions} knowledge-check questions: correct option strictly longest in "
          f"{cues.longest_share:.0%} (target <= 40 %), position {cues.top_position + 1} holds "
          f"{cues.top_position_share:.0%} (target <= 50 %)")
    bad = [(m.folder, lang, c.text) for m in result.modules for lang, c in unlisted_citations(m)]
    for folder, lang, text in bad:
        print(f"{folder}/{lang}.md: '{text}' is not in further_reading")
    return 1 if bad or cues.longest_share > 0.4 or cues.top_position_share > 0.5 else 0


if __name__ == "__main__":
    raise SystemExit(main())
