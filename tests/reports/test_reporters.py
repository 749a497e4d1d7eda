"""Only a target's reporters (填报单位) enter figures for it: a value from any other unit is refused with
a clear message and nothing is written, through the services and the API alike."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from reports.models import TargetValue
from reports.validation import ValueInput
from reports.workflow import services


def test_the_service_refuses_a_value_for_a_target_the_unit_does_not_report(world):
    # given 综规处 reports km but not the rate
    report = services.report_create(
        user=world.lead_staff, work_item=world.item, unit=world.lead, period="2024-06"
    )
    # when its staff save both
    with pytest.raises(ValidationError) as caught:
        services.report_update(
            report=report, user=world.lead_staff, version=report.version, done="进展。",
            values=[ValueInput(world.km, Decimal("5")), ValueInput(world.rate, Decimal("50"))],
        )  # fmt: skip
    # then the rate is refused by name, next to its field, and nothing is written
    assert caught.value.message_dict == {
        f"value_{world.rate.pk}": ["本单位不是指标“高速公路服务区快充覆盖率”的填报单位，不能填写该指标。"]
    }
    report.refresh_from_db()
    assert (report.version, report.done) == (1, "")
    assert not TargetValue.objects.exists()


def test_the_api_refuses_it_with_400_and_writes_nothing(world, api_as):
    client = api_as(world.lead_staff)
    response = client.post(
        "/api/v1/progress-reports/",
        {"work_item": world.item.pk, "period": "2024-06", "done": "进展。",
         "values": [{"target": world.rate.pk, "value": "50"}]},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert "不是指标“高速公路服务区快充覆盖率”的填报单位" in response.content.decode()
    assert not TargetValue.objects.exists()


def test_a_reporter_removed_keeps_its_earlier_figures_out_of_the_actual(world, make_report):
    from reports.figures import target_actuals

    make_report(period="2024-06", status="approved", values={world.km: 100})
    make_report(unit=world.lead, period="2024-06", status="approved", values={world.km: 30})
    assert target_actuals([world.km])[world.km.pk].value == Decimal("130")
    world.km.reporters.filter(unit=world.lead).delete()
    assert target_actuals([world.km])[world.km.pk].value == Decimal("100")
