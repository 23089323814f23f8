"""Plain text and passages (retrieval units) of a fiche, from its typed blocks.

Passages, in document order: "introduction"; "contenu" (top-level text outside any
chapter, e.g. a Q&A answer); "chapitre-<k>" (a chapter, or a question of a guided
search); "chapitre-<k>-<j>" for the sub-chapters of a long chapter; "cas-<b>-<c>"
(case c of the b-th BlocCas); "situation-<k>". A passage holds its unit's own text;
nested units (a case inside a chapter...) are passages of their own. A case's or
situation's title is its own title, prefixed with the titles of the situations or
cases it sits in ("Pour un enfant › Vous percevez l'AEEH"); sub-chapter passages are
titled "Chapitre › Sous-chapitre". Empty units give no passage (the loader gives a
fiche without any one "description" passage). Questionnaires and images give no
passage text; a questionnaire's questions and choices are part of the document text.
"""

from __future__ import annotations

from parvis.corpus.fiche.blocks import (
    Block,
    Branch,
    Callout,
    Cases,
    Contact,
    Fragment,
    Inline,
    Introduction,
    ListBlock,
    Paragraph,
    Problem,
    Questionnaire,
    Section,
    Service,
    Situations,
    Table,
)
from parvis.corpus.records import PassageRecord
from parvis.corpus.text import squash

LONG_CHAPTER = 3000  # characters: above this, a chapter's sub-chapters are passages


def inline_text(parts: list[Inline]) -> str:
    return squash("".join(part.text for part in parts))


def block_text(block: Block, units: bool = True) -> list[str]:
    """Lines of plain text of a block; with units=False, nested passage units are left out."""
    if isinstance(block, Paragraph):
        return [inline_text(block.content)]
    if isinstance(block, ListBlock):
        return [line for item in block.items for line in blocks_text(item.blocks, units)]
    if isinstance(block, Table):
        lines = [block.title] if block.title else []
        for row in block.head + block.body:
            cells = [" ".join(blocks_text(cell.blocks, units)) for cell in row]
            lines.append(" | ".join(cell for cell in cells if cell))
        return lines
    if isinstance(block, Section):
        if not units and block.kind == "chapitre":
            return []
        return [block.title, *blocks_text(block.blocks, units)]
    if isinstance(block, Cases):
        if not units:
            return []
        return [line for case in block.cases for line in (case.title, *blocks_text(case.blocks))]
    if isinstance(block, Situations):
        if not units:
            return []
        return [line for s in block.situations for line in (s.title, *blocks_text(s.blocks))]
    if isinstance(block, Problem):
        return [block.title, *problem_lines(block)] if units else []
    if isinstance(block, Questionnaire):
        return questionnaire_lines(block) if units else []
    if isinstance(block, Callout | Contact):
        return [block.title, *blocks_text(block.blocks, units)]
    if isinstance(block, Introduction | Fragment):
        return blocks_text(block.blocks, units)
    if isinstance(block, Service):
        return [block.title]
    return []  # images


def blocks_text(blocks: list[Block], units: bool = True) -> list[str]:
    return [line for block in blocks for line in block_text(block, units) if line]


def problem_lines(problem: Problem) -> list[str]:
    """A guided-search question's own text: its direct links, help and answers."""
    return [
        *(squash(link.text) for link in problem.links),
        *blocks_text(problem.help),
        *branches_lines(problem.branches),
    ]


def branches_lines(branches: list[Branch]) -> list[str]:
    lines = []
    for branch in branches:
        links = "".join(link.text for link in branch.links)
        if branch.title and links:
            lines.append(squash(f"{branch.title} : {links}"))
        elif branch.title or links:
            lines.append(squash(branch.title or links))
        lines.extend(blocks_text(branch.help))
        lines.extend(branches_lines(branch.branches))
    return [line for line in lines if line]


def questionnaire_lines(questionnaire: Questionnaire) -> list[str]:
    lines = blocks_text(questionnaire.description)
    for question in questionnaire.questions:
        lines.append(question.title)
        lines.extend(blocks_text(question.help))
        lines.extend(choice.title for choice in question.choices)
    return [line for line in lines if line]


def join_lines(lines: list[str]) -> str:
    return "\n".join(line for line in lines if line)


def passages(structure: list[Block], fiche_title: str) -> list[PassageRecord]:
    found: list[PassageRecord] = []

    def add(anchor: str, title: str, lines: list[str]) -> None:
        text = join_lines(lines)
        if text:
            found.append(PassageRecord(anchor, title, text))

    def own(blocks: list[Block]) -> list[str]:
        return blocks_text(blocks, units=False)

    def walk(blocks: list[Block], path: list[str]) -> None:
        """Emit the passage units found in `blocks` (not the blocks' own loose text)."""
        for block in blocks:
            if isinstance(block, Section) and block.kind == "chapitre":
                title = " › ".join([*path, block.title] if block.title else path)
                subs = [
                    b for b in block.blocks if isinstance(b, Section) and b.kind == "souschapitre"
                ]
                if len(join_lines(own(block.blocks))) > LONG_CHAPTER and len(subs) > 1:
                    rest = [b for b in block.blocks if all(b is not sub for sub in subs)]
                    add(block.anchor, title or fiche_title, own(rest))
                    for sub in subs:
                        sub_title = f"{title} › {sub.title}" if title else sub.title
                        add(sub.anchor, sub_title, own(sub.blocks))
                else:
                    add(block.anchor, title or fiche_title, own(block.blocks))
                walk(block.blocks, path)
            elif isinstance(block, Problem):
                title = " › ".join([*path, block.title] if block.title else path)
                add(block.anchor, title or fiche_title, problem_lines(block))
            elif isinstance(block, Cases):
                for case in block.cases:
                    add(case.anchor, " › ".join([*path, case.title]), own(case.blocks))
                    walk(case.blocks, [*path, case.title])
            elif isinstance(block, Situations):
                for situation in block.situations:
                    situation_title = " › ".join([*path, situation.title])
                    add(situation.anchor, situation_title, own(situation.blocks))
                    walk(situation.blocks, [*path, situation.title])
            elif isinstance(block, Section | Callout | Contact | Fragment):
                walk(block.blocks, path)
            elif isinstance(block, ListBlock):
                for item in block.items:
                    walk(item.blocks, path)
            elif isinstance(block, Table):
                for row in block.head + block.body:
                    for cell in row:
                        walk(cell.blocks, path)

    loose: list[Block] = []
    for block in structure:
        if isinstance(block, Introduction):
            add("introduction", "Introduction", own(block.blocks))
            walk(block.blocks, [])
        else:
            loose.append(block)
    add("contenu", fiche_title, own(loose))
    walk(loose, [])
    return found
