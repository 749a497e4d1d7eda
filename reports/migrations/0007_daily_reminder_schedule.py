"""The daily reminder job's schedule: 09:00 Asia/Shanghai, every day (django-celery-beat; an
administrator may change the time in the admin). One daily job decides everything from the database,
so a restart never fires a one-off reminder again."""

from django.db import migrations

NAME = "每日提醒：截止提醒、逾期通知、逾期汇总"
TASK = "reports.daily_reminders"


def install(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="9", day_of_week="*", day_of_month="*", month_of_year="*", timezone="Asia/Shanghai"
    )
    PeriodicTask.objects.get_or_create(
        name=NAME,
        defaults={
            "task": TASK,
            "crontab": crontab,
            "description": "每天 9:00（北京时间）按报送义务发送截止提醒和逾期通知，并向厅领导发送逾期汇总。",
        },
    )


def remove(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0006_notices"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(install, remove)]
