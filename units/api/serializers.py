from rest_framework import serializers

from units.models import Unit


class UnitSerializer(serializers.ModelSerializer):
    # every other name a plan document uses for the unit (厅综规处 for 厅综合规划处)
    aliases = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Unit
        fields = ["id", "code", "name", "short_name", "aliases", "kind", "email"]
        read_only_fields = fields
