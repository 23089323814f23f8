"""The Celery task that writes feedback batches when a broker is configured."""

from parvis.celery import app
from parvis.feedback.writing import write_batch


@app.task(name="feedback.write_events", ignore_result=True)
def write_events(batch: list) -> None:
    write_batch([tuple(event) for event in batch])
