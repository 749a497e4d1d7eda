"""Notices, reminders and urges move from the reports app to their own: the models are created in the
notices app's state over the tables they already have (reports_notice, reports_reminder,
reports_urge, with their indexes and constraints), so that no row moves and none is lost."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

CHANNELS = [("inapp", "站内通知"), ("email", "电子邮件"), ("webhook", "工作群机器人")]


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("reports", "0009_export_jobs_to_their_app"),
        ("tasks", "0005_assignment_reports_from"),
        ("units", "0003_notice_settings"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Notice",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("channel", models.CharField(choices=CHANNELS, max_length=10, verbose_name="渠道")),
                        ("kind", models.CharField(choices=[("reminder", "截止提醒"), ("overdue", "逾期通知"), ("digest", "逾期汇总"), ("submitted", "待审核"), ("returned", "已退回"), ("approved", "已通过"), ("corrected", "已更正"), ("urged", "催办"), ("export", "导出完成")], max_length=20, verbose_name="类别")),
                        ("key", models.CharField(max_length=100, verbose_name="事由")),
                        ("recipient", models.CharField(help_text="user:<id> 或 unit:<id>", max_length=40, verbose_name="接收方")),
                        ("address", models.TextField(blank=True, help_text="邮件地址（逗号分隔）或机器人地址", verbose_name="地址")),
                        ("title", models.CharField(max_length=200, verbose_name="标题")),
                        ("body", models.TextField(verbose_name="内容")),
                        ("link", models.CharField(blank=True, max_length=300, verbose_name="链接")),
                        ("urged", models.BooleanField(default=False, verbose_name="催办")),
                        ("status", models.CharField(choices=[("pending", "待发送"), ("sending", "发送中"), ("sent", "已发送"), ("failed", "发送失败")], default="pending", max_length=10, verbose_name="发送状态")),
                        ("attempts", models.PositiveSmallIntegerField(default=0, verbose_name="尝试次数")),
                        ("error", models.TextField(blank=True, verbose_name="错误")),
                        ("claimed_until", models.DateTimeField(blank=True, editable=False, null=True, verbose_name="发送占用至")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                        ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="发送时间")),
                        ("read_at", models.DateTimeField(blank=True, null=True, verbose_name="阅读时间")),
                        ("obligation", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="tasks.obligation", verbose_name="报送义务")),
                        ("report", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="reports.progressreport", verbose_name="进展报告")),
                        ("unit", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="units.unit", verbose_name="单位")),
                        ("user", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="notices", to=settings.AUTH_USER_MODEL, verbose_name="接收人")),
                    ],
                    options={
                        "verbose_name": "通知",
                        "verbose_name_plural": "通知与发送记录",
                        "ordering": ["-created_at", "-id"],
                        "db_table": "reports_notice",
                        "indexes": [
                            models.Index(fields=["user", "channel", "read_at"], name="reports_not_user_id_d33aa8_idx"),
                            models.Index(fields=["channel", "status"], name="reports_not_channel_780b32_idx"),
                        ],
                        "constraints": [
                            models.UniqueConstraint(fields=("channel", "recipient", "key"), name="unique_notice_occasion"),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Reminder",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("occasion", models.CharField(max_length=30, verbose_name="时机")),
                        ("channel", models.CharField(choices=CHANNELS, max_length=10, verbose_name="渠道")),
                        ("recipient", models.CharField(max_length=40, verbose_name="接收方")),
                        ("notice", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="reminders", to="notices.notice", verbose_name="通知")),
                        ("obligation", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="reminders", to="tasks.obligation", verbose_name="报送义务")),
                    ],
                    options={
                        "verbose_name": "提醒记录",
                        "verbose_name_plural": "提醒记录",
                        "db_table": "reports_reminder",
                        "constraints": [
                            models.UniqueConstraint(fields=("obligation", "occasion", "channel", "recipient"), name="unique_reminder"),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Urge",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("note", models.CharField(blank=True, max_length=500, verbose_name="附言")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="催办时间")),
                        ("by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="催办人")),
                        ("obligation", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="urges", to="tasks.obligation", verbose_name="报送义务")),
                    ],
                    options={
                        "verbose_name": "催办",
                        "verbose_name_plural": "催办记录",
                        "ordering": ["-created_at", "-id"],
                        "db_table": "reports_urge",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
