"""Self-certification records past the retention period (called by cases/retention.py)."""

from datetime import date, datetime, time

from django.utils import timezone

from .models import MayWithdrawNotice, SelfCertification, Withdrawal


def purge_before(cutoff: date) -> int:
    """Delete reports, withdrawals and notices that ended before `cutoff`; return how many."""
    reports, _ = SelfCertification.objects.filter(end__lt=cutoff).delete()
    withdrawals, _ = Withdrawal.objects.filter(valid_to__lt=cutoff).delete()
    notices, _ = MayWithdrawNotice.objects.filter(
        created_at__lt=timezone.make_aware(datetime.combine(cutoff, time.min))
    ).delete()
    return reports + withdrawals + notices
