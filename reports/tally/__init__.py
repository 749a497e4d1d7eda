"""The reporting figures of each (work item, unit) pair kept for one day, today, so that the leaders'
dashboard reads them instead of counting every obligation: the model (`model`) and the services that
keep it true (`services`)."""
