from celery import shared_task

from profiles import uploads


@shared_task
def make_avatar_thumbnail(*, profile_id: int, avatar_name: str) -> bool:
    return uploads.add_avatar_thumbnail(profile_id=profile_id, avatar_name=avatar_name)
