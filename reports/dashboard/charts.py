"""The numbers the dashboard's charts draw, the same the tables beside them show."""

from ..figures.status import LIGHT, Status


def overview_charts(board) -> dict:
    return {
        "status": [{"name": Status(s).label, "value": n, "light": LIGHT[s]} for s, n in board.counts.items()],
        "targets": [
            {
                "name": f"{row.target.work_item.number}. {row.target.name}",
                "progress": row.status.progress_pct or 0,
                "expected": round(float(row.status.expected_pct), 1),
                "light": row.status.light,
            }
            for row in board.targets
        ],
    }
