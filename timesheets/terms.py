"""Agreeing the terms of hourly work, and pausing or ending it.

Either side proposes the hourly rate and the weekly limit; the other side accepts or
declines. The first terms agreed start the contract in the week they are agreed in; a later
change takes effect the next week (a week's rate and limit never change under it). The
contract's time zone is the freelancer's, set by the first proposal and fixed once the
contract starts.
"""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from engagements.models import Engagement, EngagementState, QuoteBasis
from timesheets import calendar, completion, notifications
from timesheets.exceptions import HourlyRefused
from timesheets.locks import lock_contract
from timesheets.models import Contract, ContractState, Terms, TermsStatus


def why_not_hourly(engagement: Engagement) -> str | None:
    """Why this engagement takes no hourly contract, or None if it does."""
    if engagement.quote_basis != QuoteBasis.HOURLY:
        return "Only an engagement agreed per hour has a timesheet."
    if engagement.state != EngagementState.ACCEPTED and not hasattr(engagement, "hourly_contract"):
        return f"This engagement is {engagement.get_state_display().lower()}."
    return None


def side_of(engagement: Engagement, user) -> str:
    side = engagement.side_of(user)
    if side is None:
        raise HourlyRefused(
            "Only the client and the freelancer of this engagement can do this.",
            code="not_participant",
        )
    return side


def propose_terms(
    *,
    engagement: Engagement,
    by,
    hourly_rate: Decimal,
    weekly_limit: Decimal,
    time_zone: str = "",
) -> Terms:
    """Propose (or replace one's open proposal of) the rate and weekly limit."""
    side = side_of(engagement, by)
    if reason := why_not_hourly(engagement):
        raise HourlyRefused(reason, code="not_hourly")
    with transaction.atomic():
        contract = _contract_for(engagement, time_zone)
        contract = lock_contract(contract.pk)
        if contract.state == ContractState.ENDED:
            raise HourlyRefused("This contract has ended.", code="contract_ended")
        if time_zone and not contract.is_started:
            if not calendar.is_known_zone(time_zone):
                raise HourlyRefused("Choose a time zone from the list.", code="invalid")
            contract.time_zone = time_zone
            contract.save(update_fields=["time_zone"])
        open_terms = contract.terms.filter(status=TermsStatus.OPEN).first()
        if open_terms is not None:
            open_terms.status = TermsStatus.WITHDRAWN
            open_terms.decided_at = timezone.now()
            open_terms.save(update_fields=["status", "decided_at"])
        terms = Terms.objects.create(
            contract=contract, proposed_by=side, hourly_rate=hourly_rate, weekly_limit=weekly_limit
        )
        notifications.terms_proposed(terms=terms)
    return terms


def accept_terms(*, engagement: Engagement, by, terms_id: int | None = None) -> Terms:
    """Accept the open proposal; `terms_id`, when given, must be the one the person read (a
    proposal replaced meanwhile is not accepted unseen)."""
    return _decide(engagement, by, accept=True, terms_id=terms_id)


def decline_terms(*, engagement: Engagement, by, terms_id: int | None = None) -> Terms:
    return _decide(engagement, by, accept=False, terms_id=terms_id)


def _decide(engagement: Engagement, by, *, accept: bool, terms_id: int | None) -> Terms:
    side = side_of(engagement, by)
    contract = Contract.objects.filter(engagement=engagement).first()
    if contract is None:
        raise HourlyRefused("No terms have been proposed yet.", code="no_terms")
    with transaction.atomic():
        contract = lock_contract(contract.pk)
        terms = contract.terms.filter(status=TermsStatus.OPEN).first()
        if terms is None:
            raise HourlyRefused("No proposal waits for an answer.", code="no_terms")
        if terms_id is not None and terms.pk != terms_id:
            raise HourlyRefused(
                "The proposal was replaced meanwhile: read the new one before answering.",
                code="terms_changed",
            )
        if side != terms.side_to_accept():
            raise HourlyRefused(
                f"You proposed these terms: the {terms.side_to_accept()} answers.",
                code="wrong_side",
            )
        now = timezone.now()
        terms.decided_at = now
        if not accept:
            terms.status = TermsStatus.DECLINED
            terms.save(update_fields=["status", "decided_at"])
            notifications.terms_decided(terms=terms)
            return terms
        this_week = calendar.week_start(contract.time_zone, now)
        if contract.is_started:
            terms.effective_from = this_week + timedelta(days=7)
        else:
            terms.effective_from = this_week
            contract.started_at = now
            contract.save(update_fields=["started_at"])
        terms.status = TermsStatus.ACCEPTED
        terms.save(update_fields=["status", "decided_at", "effective_from"])
        notifications.terms_decided(terms=terms)
    return terms


def _contract_for(engagement: Engagement, time_zone: str) -> Contract:
    contract = Contract.objects.filter(engagement=engagement).first()
    if contract is not None:
        return contract
    with transaction.atomic():
        contract, _ = Contract.objects.get_or_create(
            engagement=engagement,
            defaults={
                "time_zone": time_zone if calendar.is_known_zone(time_zone) else "UTC",
                "currency": engagement.currency,
            },
        )
    return contract


def pause(*, contract: Contract, by) -> Contract:
    """No new time until resumed; the current week is still billed for what was logged."""
    return _set_state(contract, by, ContractState.PAUSED, from_states={ContractState.ACTIVE})


def resume(*, contract: Contract, by) -> Contract:
    return _set_state(contract, by, ContractState.ACTIVE, from_states={ContractState.PAUSED})


def end(*, contract: Contract, by) -> Contract:
    """The end: no new time ever; the current week is still billed when it closes."""
    return _set_state(
        contract, by, ContractState.ENDED, from_states={ContractState.ACTIVE, ContractState.PAUSED}
    )


def _set_state(contract: Contract, by, state: str, *, from_states: set) -> Contract:
    with transaction.atomic():
        locked = lock_contract(contract.pk)
        side = side_of(locked.engagement, by)
        if locked.state not in from_states:
            raise HourlyRefused(
                f"This contract is {locked.get_state_display().lower()}.", code="wrong_state"
            )
        now = timezone.now()
        locked.state = state
        fields = ["state"]
        if state == ContractState.PAUSED:
            locked.paused_at, fields = now, [*fields, "paused_at"]
        elif state == ContractState.ENDED:
            locked.ended_at, fields = now, [*fields, "ended_at"]
        locked.save(update_fields=fields)
        notifications.contract_changed(contract=locked, by_side=side)
        completion.complete_if_done(locked)
    return locked
