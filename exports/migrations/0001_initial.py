"""Export jobs move from the reports app to their own: the model is created in the exports app's state
over the table it already has (reports_exportjob), so that no row moves and none is lost."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("reports", "0008_export_jobs"),
        ("tasks", "0004_obligations_and_target_reporters"),
        ("units", "0003_notice_settings"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ExportJob",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("as_of", models.DateField(verbose_name="截至日期")),
                        ("section", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="板块")),
                        ("period", models.CharField(blank=True, max_length=10, verbose_name="报送期")),
                        ("status", models.CharField(choices=[("pending", "排队中"), ("running", "生成中"), ("done", "已完成"), ("failed", "失败")], default="pending", max_length=10, verbose_name="状态")),
                        ("rows_total", models.PositiveIntegerField(default=0, verbose_name="明细行数")),
                        ("rows_done", models.PositiveIntegerField(default=0, verbose_name="已写行数")),
                        ("file", models.FileField(blank=True, upload_to="exports/%Y/%m/", verbose_name="文件")),
                        ("error", models.TextField(blank=True, verbose_name="错误")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                        ("started_at", models.DateTimeField(blank=True, null=True, verbose_name="开始时间")),
                        ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="完成时间")),
                        ("created_by", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="导出人")),
                        ("plan", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="tasks.plan", verbose_name="工作要点")),
                        ("unit", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="units.unit", verbose_name="单位")),
                    ],
                    options={
                        "verbose_name": "导出任务",
                        "verbose_name_plural": "导出任务",
                        "ordering": ["-created_at", "-pk"],
                        "db_table": "reports_exportjob",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
