from rest_framework import serializers

from units.models import Unit


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "code", "name", "short_name", "aliases", "kind", "email"]
