"""The notices sweep's schedule: every 5 minutes (django-celery-beat; an administrator may change it)."""

from django.db import migrations

NAME = "补发通知：发送中断或等待中的邮件和工作群消息"
TASK = "notices.sweep_deliveries"


def install(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every, _ = IntervalSchedule.objects.get_or_create(every=5, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=NAME, defaults={"task": TASK, "interval": every, "description": "每 5 分钟把仍在等待、发送失败（未超过重试上限）或发送进程中断的邮件和工作群消息重新排队；消息队列停机期间写下的通知在恢复后由它发出。"}
    )


def remove(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notices", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(install, remove)]
