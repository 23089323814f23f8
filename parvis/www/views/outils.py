"""The calculators' pages: one question per step (the answers kept in the session,
a back button, no JavaScript needed), then the result with every step of the
calculation and its legal references. The rules are in parvis.rules."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from parvis.agreements.session import chosen
from parvis.corpus.models import Document
from parvis.rules.answers import InvalidAnswer
from parvis.rules.definitions import calculators
from parvis.rules.evaluator import (
    MissingAnswer,
    UnknownCalculator,
    compute,
    get_calculator,
    next_question,
    parse_answers,
    questions_of,
)
from parvis.rules.service import agreement_title, resolve_references
from parvis.www import calculator_display as display
from parvis.www import components
from parvis.www.calculator_form import AgreementStepForm, QuestionForm

SESSION_KEY = "outils"
AGREEMENT_STEP = "idcc"
PICTOGRAM = "document/contract.svg"


def calculator_list(request):
    return render(
        request,
        "www/outils/list.html",
        {
            "title": "Simulateurs",
            "tiles": [
                components._tile(
                    c.title,
                    reverse("www:outil", kwargs={"slug": c.slug}),
                    c.summary,
                    PICTOGRAM,
                    "h2",
                )
                for c in calculators().values()
            ],
            "breadcrumb_data": components.breadcrumb(("Simulateurs", "")),
        },
    )


def _calculator(slug):
    try:
        return get_calculator(slug)
    except UnknownCalculator:
        raise Http404("Simulateur inconnu") from None


def _state(request, slug) -> dict:
    states = request.session.get(SESSION_KEY) or {}
    state = states.get(slug)
    if not isinstance(state, dict):
        # The agreement the visitor chose in the picker, offered at the first step.
        mine = chosen(request.session)
        state = {"idcc": mine["idcc"] if mine else "", "answers": {}, "history": []}
    return state


def _save(request, slug, state):
    states = request.session.get(SESSION_KEY) or {}
    states[slug] = state
    request.session[SESSION_KEY] = states


def _agreement_known(slug):
    calculator = get_calculator(slug)

    def known(idcc):
        return (
            idcc in calculator.agreements
            or Document.objects.agreements().filter(idcc=idcc).exists()
        )

    return known


def _current(calculator, state):
    """The step to show: the agreement first, then the next unanswered question;
    None when every question is answered."""
    if AGREEMENT_STEP not in state["history"]:
        return AGREEMENT_STEP
    try:
        env = parse_answers(calculator, state["idcc"], _given(state))
    except InvalidAnswer as error:
        return _question(calculator, state, error.name)
    return next_question(calculator, state["idcc"], env, set(state["history"]))


def _given(state):
    return {name: value for name, value in state["answers"].items() if value not in ("", None, [])}


def _question(calculator, state, name):
    for question in questions_of(calculator, state["idcc"]):
        if question.name == name:
            return question
    return None


def _render_step(request, calculator, state, step, form, status=200):
    number = len(state["history"]) + 1
    return render(
        request,
        "www/outils/step.html",
        {
            "title": f"{calculator.title} : question {number}",
            "calculator": calculator,
            "form": form,
            "step": AGREEMENT_STEP if step == AGREEMENT_STEP else step.name,
            "number": number,
            "can_go_back": bool(state["history"]),
            "breadcrumb_data": components.breadcrumb(
                ("Simulateurs", reverse("www:outils")), (calculator.title, "")
            ),
        },
        status=status,
    )


def calculator_step(request, slug):
    calculator = _calculator(slug)
    state = _state(request, slug)
    if request.GET.get("idcc"):
        state = {"idcc": "", "answers": {}, "history": []}
        form = AgreementStepForm({"idcc": request.GET["idcc"]}, known=_agreement_known(slug))
        if form.is_valid():
            state["idcc"] = form.cleaned_data["idcc"]
            state["history"].append(AGREEMENT_STEP)
            _save(request, slug, state)
        else:
            return _render_step(request, calculator, state, AGREEMENT_STEP, form, status=400)
    if request.method == "POST":
        action = request.POST.get("action", "suivant")
        if action == "recommencer":
            _save(request, slug, {"idcc": state["idcc"], "answers": {}, "history": []})
            return redirect("www:outil", slug=slug)
        if action == "precedent":
            if state["history"]:
                name = state["history"].pop()
                if name != AGREEMENT_STEP:
                    state["answers"].pop(name, None)
            _save(request, slug, state)
            return redirect("www:outil", slug=slug)
    step = _current(calculator, state)
    if step is None:
        return redirect("www:outil_resultat", slug=slug)
    if step == AGREEMENT_STEP:
        known = _agreement_known(slug)
        if request.method == "POST" and request.POST.get("step") == AGREEMENT_STEP:
            form = AgreementStepForm(request.POST, known=known)
            if not form.is_valid():
                return _render_step(request, calculator, state, step, form, status=400)
            if form.cleaned_data["idcc"] != state["idcc"]:
                state["answers"] = {}
            state["idcc"] = form.cleaned_data["idcc"]
            state["history"].append(AGREEMENT_STEP)
            _save(request, slug, state)
            return redirect("www:outil", slug=slug)
        form = AgreementStepForm(initial={"idcc": state["idcc"]}, known=known)
        return _render_step(request, calculator, state, step, form)
    if request.method == "POST" and request.POST.get("step") == step.name:
        form = QuestionForm(request.POST, question=step)
        if not form.is_valid():
            return _render_step(request, calculator, state, step, form, status=400)
        state["answers"][step.name] = form.raw_answer()
        if step.name not in state["history"]:
            state["history"].append(step.name)
        _save(request, slug, state)
        done = _current(calculator, state) is None
        return redirect("www:outil_resultat" if done else "www:outil", slug=slug)
    initial = QuestionForm.initial_for(step, state["answers"].get(step.name))
    form = QuestionForm(initial=initial, question=step)
    if step.name in state["answers"]:
        # An answer kept but refused once the others were known (dates, absences).
        try:
            parse_answers(calculator, state["idcc"], _given(state))
        except InvalidAnswer as error:
            form = QuestionForm({**{f"{k}": v for k, v in initial.items()}}, question=step)
            form.is_valid()
            form.add_error(None, error.reason.capitalize() + ".")
            return _render_step(request, calculator, state, step, form, status=400)
    return _render_step(request, calculator, state, step, form)


def calculator_result(request, slug):
    calculator = _calculator(slug)
    state = _state(request, slug)
    if _current(calculator, state) is not None:
        return redirect("www:outil", slug=slug)
    try:
        calculation = compute(slug, _given(state), state["idcc"])
    except MissingAnswer as missing:
        state["history"] = [n for n in state["history"] if n != missing.question.name]
        _save(request, slug, state)
        return redirect("www:outil", slug=slug)
    except InvalidAnswer:
        return redirect("www:outil", slug=slug)
    outcomes = [o for o in (calculation.legal, calculation.agreement) if o is not None]
    return render(
        request,
        "www/outils/result.html",
        {
            "title": f"{calculator.title} : résultat",
            "calculator": calculator,
            "calculation": calculation,
            "summary": display.calculation_summary(calculation),
            "outcomes": [display.outcome_view(o) for o in outcomes],
            "references": resolve_references(*(o.rule for o in outcomes)),
            "agreement": agreement_title(state["idcc"]),
            "answers": display.answer_lines(calculator, state["idcc"], _given(state)),
            "answer_header": ["Question", "Réponse"],
            "breadcrumb_data": components.breadcrumb(
                ("Simulateurs", reverse("www:outils")),
                (calculator.title, reverse("www:outil", kwargs={"slug": slug})),
                ("Résultat", ""),
            ),
        },
    )
