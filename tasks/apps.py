from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "tasks"
    verbose_name = "工作要点"

    def ready(self):
        from . import data_version

        data_version.connect()
