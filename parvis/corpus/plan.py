"""A code's plan (table of contents): its parts, books, titles, chapters and
sections down to the articles, rebuilt from what the ingestion stores.

Each article keeps its section path (`Document.breadcrumb`, the section titles
of legi-data's tree, outermost first) and its place in the code
(`Document.position`): the plan is those paths merged in code order. A section
is named in URLs by the slugs of its path, each slug made from the section's
label, the part of its title before the colon ("Livre II : Le contrat de
travail" -> `livre-ii`), unique among its siblings.

The plan of a code is built once per process and per ingestion of the code
(about 0.1 s for the Code du travail's 11,000 articles) and kept in memory.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from django.db.models import Count, Max

from parvis.corpus.models import Document
from parvis.corpus.text import slugify, squash

SLUG_LENGTH = 60


@dataclass(frozen=True)
class ArticleEntry:
    number: str
    slug: str
    title: str


@dataclass(eq=False)
class Section:
    title: str
    slug: str = ""
    parent: Section | None = field(default=None, repr=False)
    children: list[Section] = field(default_factory=list, repr=False)
    articles: list[ArticleEntry] = field(default_factory=list, repr=False)
    article_count: int = 0  # in this section and the ones under it
    _by_title: dict[str, Section] = field(default_factory=dict, repr=False)

    @property
    def path(self) -> str:
        """The slugs from the code's root to this section, joined by "/" ("" for the root)."""
        return "/".join(section.slug for section in self.ancestors(include_self=True))

    @property
    def depth(self) -> int:
        return len(self.ancestors(include_self=True))

    def ancestors(self, include_self: bool = False) -> list[Section]:
        """The sections from the code's root (excluded) down to this one's parent
        (or this one), outermost first."""
        chain, node = [], self if include_self else self.parent
        while node is not None and node.parent is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]

    def child(self, title: str) -> Section:
        found = self._by_title.get(title)
        if found is None:
            found = Section(title=title, slug=self._free_slug(section_slug(title)), parent=self)
            self._by_title[title] = found
            self.children.append(found)
        return found

    def _free_slug(self, slug: str) -> str:
        taken = {child.slug for child in self.children}
        candidate, rank = slug, 1
        while candidate in taken:
            rank += 1
            candidate = f"{slug}-{rank}"
        return candidate

    def walk(self):
        """This section and every section under it, in plan order."""
        yield self
        for child in self.children:
            yield from child.walk()


def section_slug(title: str) -> str:
    """`livre-ii` for "Livre II : Le contrat de travail"; the whole title, cut, when
    it has no label."""
    label = title.split(":", 1)[0] if ":" in title else title
    return slugify(label, SLUG_LENGTH)


@dataclass(eq=False)
class CodePlan:
    kind: str
    root: Section
    by_path: dict[str, Section]

    @classmethod
    def build(cls, kind: str, rows) -> CodePlan:
        """`rows`: (breadcrumb, number, slug, title) of the code's articles, in code order."""
        root = Section(title="")
        for breadcrumb, number, slug, title in rows:
            node = root
            node.article_count += 1
            for title_part in breadcrumb or []:
                node = node.child(squash(title_part))
                node.article_count += 1
            node.articles.append(ArticleEntry(number=number, slug=slug, title=title))
        by_path = {section.path: section for section in root.walk()}
        return cls(kind=kind, root=root, by_path=by_path)

    def section_of(self, breadcrumb: list[str]) -> Section | None:
        """The section an article with this section path sits in."""
        node = self.root
        for title in breadcrumb or []:
            node = node._by_title.get(squash(title))
            if node is None:
                return None
        return node

    def covering(self, number_matches) -> list[Section]:
        """For each top-level part of the code (legislative, regulatory...), the
        innermost section holding every article of that part whose number matches
        (`number_matches(number) -> bool`), in plan order."""
        found = []
        for part in self.root.children:
            holding = [
                section
                for section in part.walk()
                if any(number_matches(article.number) for article in section.articles)
            ]
            if holding:
                found.append(_common_ancestor(holding))
        return found

    def sections(self):
        """Every section, in plan order (the root excluded)."""
        return list(self.root.walk())[1:]


def _common_ancestor(sections: list[Section]) -> Section:
    paths = [section.ancestors(include_self=True) for section in sections]
    common = paths[0]
    for path in paths[1:]:
        length = 0
        while length < min(len(common), len(path)) and common[length] is path[length]:
            length += 1
        common = common[:length]
    return common[-1]


_plans: dict[str, tuple[tuple, CodePlan]] = {}
_lock = threading.Lock()


def code_plan(kind: str) -> CodePlan:
    """The plan of one code, rebuilt when the code's articles changed."""
    articles = Document.objects.articles_of_code(kind)
    stamp = tuple(
        articles.order_by().aggregate(count=Count("id"), changed=Max("ingested_at")).values()
    )
    cached = _plans.get(kind)
    if cached and cached[0] == stamp:
        return cached[1]
    with _lock:
        rows = articles.values_list("breadcrumb", "number", "slug", "title")
        plan = CodePlan.build(kind, rows.iterator(chunk_size=5000))
        _plans[kind] = (stamp, plan)
    return plan
